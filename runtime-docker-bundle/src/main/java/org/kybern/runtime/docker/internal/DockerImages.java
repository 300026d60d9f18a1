package org.kybern.runtime.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.LoadResponseItem;
import com.github.dockerjava.api.model.PullResponseItem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kybern.api.runtime.ImageInfo;
import org.kybern.api.runtime.RegistryAuth;
import org.kybern.api.runtime.RuntimeOperationException;

/** Images on dockerd: pull (with registry credentials), status, list, remove, load from a tarball. */
final class DockerImages {

    private static final String LOADED_IMAGE = "Loaded image: ";
    private static final String LOADED_IMAGE_ID = "Loaded image ID: ";

    private final DockerClient docker;
    private final DockerCalls calls;

    DockerImages(DockerClient docker, DockerCalls calls) {
        this.docker = docker;
        this.calls = calls;
    }

    String pull(String image, RegistryAuth auth) {
        String action = "pulling image " + image + (auth == null ? "" : " as " + auth.username() + "@" + auth.server());
        PullImageCmd command = docker.pullImageCmd(repository(image));
        tag(image).ifPresent(command::withTag);
        if (auth != null) {
            command.withAuthConfig(new AuthConfig().withRegistryAddress(auth.server()).withUsername(auth.username())
                    .withPassword(auth.password()));
        }
        calls.run(action, () -> {
            PullCallback pull = command.exec(new PullCallback());
            try {
                pull.awaitOrThrow();
            } catch (InterruptedException e) {
                pull.closeQuietly();
                Thread.currentThread().interrupt();
                throw new RuntimeOperationException(action + " was interrupted", e);
            }
            pull.failure().ifPresent(failure -> {
                throw new RuntimeOperationException(action + " failed: " + failure);
            });
        });
        return status(image).map(ImageInfo::id)
                .orElseThrow(() -> new RuntimeOperationException(action + ": dockerd reports success but has no such image"));
    }

    Optional<ImageInfo> status(String image) {
        return calls.find("inspecting image " + image, () -> docker.inspectImageCmd(image).exec())
                .map(inspected -> new ImageInfo(inspected.getId(),
                        inspected.getRepoTags() == null ? List.of() : inspected.getRepoTags(),
                        inspected.getSize() == null ? 0 : inspected.getSize()));
    }

    List<ImageInfo> list() {
        return calls.call("listing images", () -> docker.listImagesCmd().exec()).stream()
                .map(image -> new ImageInfo(image.getId(),
                        image.getRepoTags() == null ? List.of() : List.of(image.getRepoTags()),
                        image.getSize() == null ? 0 : image.getSize()))
                .toList();
    }

    void remove(String image) {
        calls.runIgnoringMissing("removing image " + image, () -> docker.removeImageCmd(image).exec());
    }

    /** Loads a {@code docker save} tarball; returns the references it named (or the ids of untagged images). */
    List<String> load(Path tarball) throws IOException {
        if (!Files.isRegularFile(tarball)) {
            throw new RuntimeOperationException("importing images: " + tarball + " is not a file");
        }
        String action = "importing images from " + tarball;
        List<String> loaded = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tarball)) {
            QuietCallback<LoadResponseItem> callback = calls.call(action,
                    () -> docker.loadImageAsyncCmd(in).exec(new QuietCallback<>() {
                        @Override
                        public void onNext(LoadResponseItem item) {
                            if (item.getErrorDetail() != null) {
                                errors.add(item.getErrorDetail().getMessage());
                            }
                            String stream = item.getStream() == null ? "" : item.getStream().trim();
                            if (stream.startsWith(LOADED_IMAGE)) {
                                loaded.add(stream.substring(LOADED_IMAGE.length()).trim());
                            } else if (stream.startsWith(LOADED_IMAGE_ID)) {
                                loaded.add(stream.substring(LOADED_IMAGE_ID.length()).trim());
                            }
                        }
                    }));
            calls.run(action, () -> {
                try {
                    callback.awaitOrThrow();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RuntimeOperationException(action + " was interrupted", e);
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new RuntimeOperationException(action + " failed: " + String.join("; ", errors));
        }
        if (loaded.isEmpty()) {
            throw new RuntimeOperationException(action + " failed: dockerd loaded no image (is it a `docker save` tarball?)");
        }
        return List.copyOf(loaded);
    }

    /** Dockerd reports a failed pull as the last progress item, or as an error of the stream. */
    private static final class PullCallback extends QuietCallback<PullResponseItem> {

        private volatile PullResponseItem last;

        @Override
        public void onNext(PullResponseItem item) {
            last = item;
        }

        Optional<String> failure() {
            PullResponseItem item = last;
            if (item == null || item.isPullSuccessIndicated()) {
                return Optional.empty();
            }
            return Optional.of(item.getError() != null ? item.getError() : String.valueOf(item.getStatus()));
        }
    }

    /** {@code registry:5000/app:1} → {@code registry:5000/app}; a digest reference stays whole. */
    static String repository(String image) {
        if (image.contains("@")) {
            return image;
        }
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
    }

    /** The tag, {@code latest} when none is given, none for a digest reference. */
    static Optional<String> tag(String image) {
        if (image.contains("@")) {
            return Optional.empty();
        }
        int colon = image.lastIndexOf(':');
        return Optional.of(colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "latest");
    }
}

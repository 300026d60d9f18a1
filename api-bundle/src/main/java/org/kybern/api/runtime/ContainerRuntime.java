package org.kybern.api.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A container runtime as the kubelet sees it, after Kubernetes' CRI.
 *
 * <p>Everything a runtime creates carries the labels of {@link RuntimeLabels} (pod UID, container
 * name, node name), so a restarted kubelet lists what is running and re-adopts it instead of
 * starting duplicates. Services register with the property {@value #TYPE_PROPERTY}
 * ({@code docker} or {@code rkt}). Methods throw {@link RuntimeOperationException} when the
 * runtime refuses or fails an operation.
 */
@ProviderType
public interface ContainerRuntime {

    /** Service property naming the implementation, e.g. {@code (kybern.runtime=docker)}. */
    String TYPE_PROPERTY = "kybern.runtime";

    /** The implementation's name: {@code docker}, {@code rkt}. */
    String name();

    /** The version of the underlying engine, e.g. dockerd's or runc's. */
    String version();

    // --- pod sandboxes ---------------------------------------------------------------------

    /** Creates and starts a pod sandbox with its network namespace; returns its id. */
    String runPodSandbox(PodSandboxConfig config);

    /** Stops the sandbox and every container in it; idempotent. */
    void stopPodSandbox(String sandboxId);

    /** Removes a stopped sandbox and its containers; idempotent. */
    void removePodSandbox(String sandboxId);

    /** The sandbox's state and IP, or empty if it does not exist. */
    Optional<PodSandboxStatus> podSandboxStatus(String sandboxId);

    /** Sandboxes whose labels include every entry of {@code labelSelector} (empty: all). */
    List<PodSandboxStatus> listPodSandboxes(Map<String, String> labelSelector);

    // --- containers ------------------------------------------------------------------------

    /** Creates a container inside a sandbox; returns its id. The image must be present. */
    String createContainer(String sandboxId, ContainerConfig config);

    void startContainer(String containerId);

    /** Asks the container to stop, then kills it after {@code timeout}; idempotent. */
    void stopContainer(String containerId, Duration timeout);

    /** Removes a container; idempotent. */
    void removeContainer(String containerId);

    /** The container's state, or empty if it does not exist. */
    Optional<ContainerStatus> containerStatus(String containerId);

    /** Containers whose labels include every entry of {@code labelSelector} (empty: all). */
    List<ContainerStatus> listContainers(Map<String, String> labelSelector);

    // --- images ----------------------------------------------------------------------------

    /** Pulls an image; {@code auth} may be {@code null}. Returns the image id. */
    String pullImage(String image, RegistryAuth auth);

    /** The image if present locally. */
    Optional<ImageInfo> imageStatus(String image);

    List<ImageInfo> listImages();

    /** Removes a local image; idempotent. */
    void removeImage(String image);

    /** Loads images from an image tarball (docker save / OCI layout); returns their references. */
    List<String> importImage(Path tarball) throws IOException;

    // --- logs, exec, stats -----------------------------------------------------------------

    /** Writes the container's output to {@code out} as the options say. */
    void logs(String containerId, LogOptions options, OutputStream out) throws IOException;

    /** Runs a command inside a running container and waits at most {@code timeout}. */
    ExecResult exec(String containerId, List<String> command, Duration timeout);

    /** Resource usage of a running container, or empty if it is not running. */
    Optional<ContainerStats> stats(String containerId);
}

package org.kybern.api.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * A container as the runtime reports it.
 *
 * @param id         the runtime's id
 * @param sandboxId  the sandbox it runs in
 * @param name       its name in the pod
 * @param image      the image reference it was created from
 * @param imageId    the resolved image id
 * @param state      CRI's container state
 * @param exitCode   the exit code once exited
 * @param createdAt  when created
 * @param startedAt  when started, or {@code null}
 * @param finishedAt when exited, or {@code null}
 * @param reason     a short machine-readable reason (e.g. {@code OOMKilled}), or {@code null}
 * @param message    a human-readable message, or {@code null}
 * @param labels     its labels
 */
public record ContainerStatus(String id, String sandboxId, String name, String image, String imageId, State state,
        int exitCode, Instant createdAt, Instant startedAt, Instant finishedAt, String reason, String message,
        Map<String, String> labels) {

    public ContainerStatus {
        labels = Map.copyOf(labels);
    }

    /** CRI's container states. */
    public enum State { CREATED, RUNNING, EXITED, UNKNOWN }
}

package org.kybern.api.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * A sandbox as the runtime reports it.
 *
 * @param id        the runtime's id
 * @param state     ready or not
 * @param ip        the pod's IP, or {@code null} if it has none (yet)
 * @param createdAt when it was created
 * @param labels    its labels
 */
public record PodSandboxStatus(String id, State state, String ip, Instant createdAt, Map<String, String> labels) {

    public PodSandboxStatus {
        labels = Map.copyOf(labels);
    }

    /** CRI's sandbox states. */
    public enum State { READY, NOT_READY }
}

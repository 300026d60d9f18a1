package org.kybern.api.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a container needs. The kubelet has already resolved everything Kubernetes-specific:
 * environment (including {@code valueFrom}), volumes (as host directories) and resources (as numbers).
 *
 * @param name             the container's name in the pod
 * @param image            the image reference
 * @param command          the entrypoint (empty: the image's)
 * @param args             the arguments (empty: the image's)
 * @param env              environment variables, in order
 * @param workingDir       working directory ({@code null}: the image's)
 * @param mounts           host paths mounted into the container
 * @param labels           labels to put on the container (include {@link RuntimeLabels})
 * @param memoryLimitBytes memory limit, 0 for none
 * @param cpuLimitMillis   CPU limit in millicores (a CFS quota), 0 for none
 * @param cpuRequestMillis CPU request in millicores (relative CPU shares), 0 for the runtime's default
 * @param runAsUser        the user id to run as, or {@code null} for the image's user
 */
public record ContainerConfig(String name, String image, List<String> command, List<String> args,
        Map<String, String> env, String workingDir, List<Mount> mounts, Map<String, String> labels,
        long memoryLimitBytes, long cpuLimitMillis, long cpuRequestMillis, Long runAsUser) {

    public ContainerConfig {
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        mounts = List.copyOf(mounts);
        labels = Map.copyOf(labels);
    }

    /**
     * A host path mounted into the container.
     *
     * @param hostPath      path on the host
     * @param containerPath path in the container
     * @param readOnly      mounted read-only
     */
    public record Mount(String hostPath, String containerPath, boolean readOnly) {
    }
}

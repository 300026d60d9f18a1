package org.kybern.runtime.docker.internal;

import java.util.Map;
import org.kybern.api.runtime.PodSandboxConfig;
import org.kybern.api.runtime.RuntimeLabels;

/**
 * Docker names and the runtime's own labels. Names follow the kubelet's dockershim
 * ({@code k8s_<container>_<pod>_<namespace>_<uid>_<attempt>}, {@code POD} for the sandbox), so
 * {@code docker ps} reads like {@code kubectl get pods} and two attempts never collide.
 */
final class DockerNames {

    /** Marks a sandbox container (value {@code true}). */
    static final String SANDBOX_LABEL = "io.kybern.sandbox";
    /** On an application container: the id of the sandbox it runs in. */
    static final String SANDBOX_ID_LABEL = "io.kybern.sandbox.id";
    /** On a pre-started pool sandbox: which runtime process made it ({@code <pid>@<host>}). */
    static final String POOL_OWNER_LABEL = "io.kybern.sandbox.pool";
    /** Name prefix of pool sandboxes not claimed yet. */
    static final String IDLE_POOL_PREFIX = "kybern_pool_";

    private DockerNames() {
    }

    static String sandboxName(PodSandboxConfig config) {
        return String.join("_", "k8s", "POD", safe(config.name()), safe(config.namespace()), safe(config.uid()),
                Integer.toString(config.attempt()));
    }

    static String containerName(String containerName, Map<String, String> labels) {
        return String.join("_", "k8s", safe(containerName), safe(labels.getOrDefault(RuntimeLabels.POD_NAME, "")),
                safe(labels.getOrDefault(RuntimeLabels.POD_NAMESPACE, "")),
                safe(labels.getOrDefault(RuntimeLabels.POD_UID, "")),
                safe(labels.getOrDefault(RuntimeLabels.CONTAINER_ATTEMPT, "0")));
    }

    /** Docker's names allow [a-zA-Z0-9_.-]; Kubernetes names already fit, anything else is replaced. */
    private static String safe(String part) {
        return part.isEmpty() ? "-" : part.replaceAll("[^a-zA-Z0-9.-]", "-");
    }

    /** Docker reports names with a leading slash. */
    static String bare(String dockerName) {
        return dockerName != null && dockerName.startsWith("/") ? dockerName.substring(1) : dockerName;
    }
}

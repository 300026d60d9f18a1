package org.kybern.api.runtime;

/** Labels every runtime puts on what it creates, so a kubelet can find and re-adopt it. */
public final class RuntimeLabels {

    public static final String POD_UID = "io.kybern.pod.uid";
    public static final String POD_NAME = "io.kybern.pod.name";
    public static final String POD_NAMESPACE = "io.kybern.pod.namespace";
    public static final String CONTAINER_NAME = "io.kybern.container.name";
    public static final String NODE_NAME = "io.kybern.node.name";
    /**
     * How many times this container was started before in this pod (0 for the first): on the
     * runtime, so a restarted kubelet still knows a container's restart count.
     */
    public static final String CONTAINER_ATTEMPT = "io.kybern.container.attempt";

    private RuntimeLabels() {
    }
}

package org.kybern.api.runtime;

/** Labels every runtime puts on what it creates, so a kubelet can find and re-adopt it. */
public final class RuntimeLabels {

    public static final String POD_UID = "io.kybern.pod.uid";
    public static final String POD_NAME = "io.kybern.pod.name";
    public static final String POD_NAMESPACE = "io.kybern.pod.namespace";
    public static final String CONTAINER_NAME = "io.kybern.container.name";
    public static final String NODE_NAME = "io.kybern.node.name";

    private RuntimeLabels() {
    }
}

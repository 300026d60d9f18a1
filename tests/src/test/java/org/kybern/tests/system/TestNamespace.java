package org.kybern.tests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A namespace of a system test class's own on the shared cluster (register it after
 * {@link SharedCluster}): made before the class's tests, once the node is Ready, and deleted after
 * them with {@code kubectl delete namespace}, which waits until the namespace controller has removed
 * everything in it.
 */
final class TestNamespace implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private KybernCluster cluster;
    private KubernetesClient client;

    TestNamespace(String name) {
        this.name = name;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster = SharedCluster.get();
        client = Workloads.newNamespace(cluster, name);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (cluster != null) {
            KybernCluster.Result deleted = cluster.kubectl("delete", "namespace", name, "--timeout=90s");
            assertEquals(0, deleted.exitCode(), deleted.output());
        }
    }

    String name() {
        return name;
    }

    KybernCluster cluster() {
        return cluster;
    }

    KubernetesClient client() {
        return client;
    }
}

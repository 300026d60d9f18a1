package org.kybern.tests.system;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One cluster ({@code ./kybern up}) shared by the system test classes that use this extension,
 * started before the first of them and stopped ({@code ./kybern down}) when the test run ends.
 * Each class keeps to names of its own.
 */
final class SharedCluster implements BeforeAllCallback {

    private static volatile KybernCluster cluster;

    /** The shared cluster; valid inside a class extended with {@code SharedCluster}. */
    static KybernCluster get() {
        return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedCluster.class, key -> new Running(start()), Running.class).cluster();
    }

    private static KybernCluster start() {
        try {
            return KybernCluster.up("shared-cluster", true);
        } catch (Exception e) {
            throw new IllegalStateException("./kybern up failed", e);
        }
    }

    /** Stops the cluster when JUnit closes the root store at the end of the run. */
    @SuppressWarnings("deprecation") // CloseableResource: what this JUnit version closes
    private record Running(KybernCluster cluster) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            cluster.kybern("down");
        }
    }
}

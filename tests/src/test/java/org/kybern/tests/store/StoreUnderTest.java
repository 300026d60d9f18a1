package org.kybern.tests.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.kybern.api.store.Store;
import org.kybern.store.etcd.internal.EtcdStore;
import org.kybern.store.internal.EmbeddedStore;
import org.kybern.tests.etcd.EtcdCluster;

/** A store the conformance suite runs against, with what it takes to start and stop it. */
interface StoreUnderTest extends AutoCloseable {

    Store store();

    /** One implementation: its name (shown per test) and how to open a fresh instance. */
    interface Kind {
        StoreUnderTest open() throws Exception;
    }

    /** Every implementation the suite checks. */
    static Stream<Kind> kinds() {
        return Stream.of(new Named("embedded", Embedded::open), new Named("etcd", Etcd::open));
    }

    record Named(String name, Kind opener) implements Kind {
        @Override
        public StoreUnderTest open() throws Exception {
            return opener.open();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A client of one real etcd member shared by the suite (tests keep to prefixes of their own). */
    record Etcd(EtcdStore store) implements StoreUnderTest {

        private static EtcdCluster shared;

        static synchronized StoreUnderTest open() throws Exception {
            if (shared == null) {
                shared = EtcdCluster.start(1);
            }
            return new Etcd(EtcdStore.connect(shared.endpoints(), "/registry", Duration.ofSeconds(30)));
        }

        /** Stops the shared member. */
        static synchronized void stopShared() throws Exception {
            if (shared != null) {
                shared.close();
                shared = null;
            }
        }

        @Override
        public void close() {
            store.close();
        }
    }

    /** The embedded store on a fresh directory, removed afterwards. */
    record Embedded(EmbeddedStore store, Path dir) implements StoreUnderTest {

        static StoreUnderTest open() throws IOException {
            Path dir = Files.createTempDirectory("kybern-store-conformance");
            return new Embedded(EmbeddedStore.open(dir, 100_000, 64L << 20), dir);
        }

        @Override
        public void close() throws Exception {
            store.deactivate();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}

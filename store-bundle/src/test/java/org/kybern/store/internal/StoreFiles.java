package org.kybern.store.internal;

import java.nio.file.Path;

/** Opens embedded stores on a test directory. */
final class StoreFiles {

    private StoreFiles() {
    }

    /** The embedded store on {@code dir}, recovering what is there; segments rotate after {@code segmentBytes}. */
    static EmbeddedStore open(Path dir, long segmentBytes) throws Exception {
        return EmbeddedStore.open(dir, 100_000, segmentBytes);
    }

    static EmbeddedStore open(Path dir) throws Exception {
        return open(dir, 64L << 20);
    }
}

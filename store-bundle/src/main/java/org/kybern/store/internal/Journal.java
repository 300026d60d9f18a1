package org.kybern.store.internal;

import java.io.IOException;
import org.kybern.api.store.WatchEvent;

/** Where a {@link RevisionedStore} makes its changes durable. */
interface Journal {

    /** Keeps changes in memory only: every change is "durable" at once. */
    Journal NONE = new Journal() {
        @Override
        public void append(WatchEvent change) {
        }

        @Override
        public void sync(long revision) {
        }
    };

    /** Queues a change for the disk. Called in revision order, under the store's write lock; must not block on I/O. */
    void append(WatchEvent change);

    /** Returns once every change up to {@code revision} is on disk; concurrent callers share one sync. */
    void sync(long revision) throws IOException;
}

package org.kybern.proxy.userspace.internal;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Every open relayed connection and UDP session of the backend, whichever service port (even a removed
 * one) it came through, so that {@code cleanUp} can drain and then close them. Used on the relay loop.
 */
final class Sessions {

    private final Set<Closeable> open = new LinkedHashSet<>();

    void opened(Closeable session, PortStats stats) {
        open.add(session);
        stats.opened();
    }

    void closed(Closeable session, PortStats stats) {
        if (open.remove(session)) {
            stats.closed();
        }
    }

    int size() {
        return open.size();
    }

    /** Closes every open session (each removes itself through {@link #closed}). */
    void closeAll() {
        for (Closeable session : new ArrayList<>(open)) {
            Closing.quietly(session);
        }
    }
}

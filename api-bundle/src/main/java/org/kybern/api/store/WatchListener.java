package org.kybern.api.store;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives the events of one {@link Store#watch}. */
@ConsumerType
public interface WatchListener {

    /** Called once per change, in revision order, never concurrently for one watch. */
    void onEvent(WatchEvent event);

    /**
     * Called after a run of {@link #onEvent} calls, when the store has no further change for this
     * watch at hand: a listener that gathers what it sends (an HTTP response) sends it now, so
     * changes that come together leave together. A store calls it before it waits for more
     * changes, on the thread and under the same rule as {@code onEvent}.
     */
    default void onCaughtUp() {
    }

    /**
     * Called once when the watch ends without being closed by its owner: the store went away,
     * or the watch could not keep up and its history was compacted ({@link CompactedException}).
     * No events follow.
     */
    default void onClose(StoreException cause) {
    }
}

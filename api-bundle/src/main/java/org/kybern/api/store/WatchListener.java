package org.kybern.api.store;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives the events of one {@link Store#watch}. */
@ConsumerType
public interface WatchListener {

    /** Called once per change, in revision order, never concurrently for one watch. */
    void onEvent(WatchEvent event);

    /**
     * Called once when the watch ends without being closed by its owner: the store went away,
     * or the watch could not keep up and its history was compacted ({@link CompactedException}).
     * No events follow.
     */
    default void onClose(StoreException cause) {
    }
}

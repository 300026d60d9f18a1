package org.kybern.api.store;

import java.util.Optional;

/**
 * A store that hands every call to another; a subclass overrides the calls it adds something to (a
 * component that owns a store's connection, a view that does something before a write).
 */
public abstract class ForwardingStore implements Store {

    /** The store the calls go to. */
    protected abstract Store delegate();

    @Override
    public String name() {
        return delegate().name();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        return delegate().get(key);
    }

    @Override
    public RangeResult range(String prefix, int limit, String startAfter, long atRevision) {
        return delegate().range(prefix, limit, startAfter, atRevision);
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        return delegate().create(key, value);
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        return delegate().update(key, value, expectedModRevision);
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        return delegate().delete(key, expectedModRevision);
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        return delegate().watch(prefix, afterRevision, listener);
    }

    @Override
    public void compact(long revision) {
        delegate().compact(revision);
    }

    @Override
    public long currentRevision() {
        return delegate().currentRevision();
    }

    @Override
    public long compactedRevision() {
        return delegate().compactedRevision();
    }
}

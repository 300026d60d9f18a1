package org.kybern.api.store;

/** A compare-and-swap failed: the key changed since the caller read it. */
public class ConflictException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final long actualModRevision;

    public ConflictException(String key, long expectedModRevision, long actualModRevision) {
        super("key " + key + " is at revision " + actualModRevision + ", expected " + expectedModRevision);
        this.actualModRevision = actualModRevision;
    }

    /** The key's mod revision when the write was refused. */
    public long actualModRevision() {
        return actualModRevision;
    }
}

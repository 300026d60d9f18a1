package org.kybern.api.store;

/** The requested revision is older than the store keeps; re-read from the current revision. */
public class CompactedException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final long compactedRevision;

    public CompactedException(long requestedRevision, long compactedRevision) {
        super("revision " + requestedRevision + " has been compacted (history kept after "
                + compactedRevision + ")");
        this.compactedRevision = compactedRevision;
    }

    /** History up to and including this revision is gone. */
    public long compactedRevision() {
        return compactedRevision;
    }
}

package org.kybern.store.internal;

import java.util.ArrayList;
import java.util.List;
import org.kybern.api.store.KeyValue;

/** The versions of one key since the compacted revision; a {@code null} value is a delete. */
final class KeyHistory {

    private final List<Long> revisions = new ArrayList<>(2);
    private final List<KeyValue> values = new ArrayList<>(2);

    void add(long revision, KeyValue valueOrNull) {
        revisions.add(revision);
        values.add(valueOrNull);
    }

    /** The live value now, or {@code null} if deleted. */
    KeyValue latest() {
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** The value as of {@code revision}, or {@code null} if absent then. */
    KeyValue at(long revision) {
        for (int i = revisions.size() - 1; i >= 0; i--) {
            if (revisions.get(i) <= revision) {
                return values.get(i);
            }
        }
        return null;
    }

    /**
     * Drops versions no read at or after {@code revision} can see.
     *
     * @return whether nothing is left, so the key can be forgotten
     */
    boolean compact(long revision) {
        int visible = -1;
        for (int i = 0; i < revisions.size() && revisions.get(i) <= revision; i++) {
            visible = i;
        }
        if (visible > 0) {
            revisions.subList(0, visible).clear();
            values.subList(0, visible).clear();
        }
        if (visible >= 0 && values.get(0) == null) {
            revisions.remove(0);
            values.remove(0);
        }
        return revisions.isEmpty();
    }
}

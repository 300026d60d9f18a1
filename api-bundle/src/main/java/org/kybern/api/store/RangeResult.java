package org.kybern.api.store;

import java.util.List;

/**
 * One page of a {@link Store#range} read.
 *
 * @param items    the key-values, in ascending key order
 * @param revision the store revision the page was read at; pass it to the next page's range
 * @param more     whether keys remain after the last item (continue after its key)
 */
public record RangeResult(List<KeyValue> items, long revision, boolean more) {

    public RangeResult {
        items = List.copyOf(items);
    }

    /** The key to continue after, or {@code null} when the page is empty. */
    public String lastKey() {
        return items.isEmpty() ? null : items.get(items.size() - 1).key();
    }
}

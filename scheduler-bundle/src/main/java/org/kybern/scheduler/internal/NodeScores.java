package org.kybern.scheduler.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.kybern.api.scheduler.NodeInfo;

/**
 * One score plugin's raw scores of the feasible nodes, in an array, seen by its {@code normalize} as the
 * SPI's modifiable map of node name to score. Scoring hundreds of nodes per pod then costs no hashing and
 * no boxing unless a plugin normalizes; the map has the feasible nodes as its fixed keys (values can
 * change, keys can be neither added nor removed).
 */
final class NodeScores extends AbstractMap<String, Long> {

    private final List<NodeInfo> nodes;
    private final long[] scores;
    private Map<String, Integer> index;

    /** @param scores one per node of {@code nodes}, in the same order; written through by the map */
    NodeScores(List<NodeInfo> nodes, long[] scores) {
        if (nodes.size() != scores.length) {
            throw new IllegalArgumentException(nodes.size() + " nodes but " + scores.length + " scores");
        }
        this.nodes = nodes;
        this.scores = scores;
    }

    @Override
    public int size() {
        return scores.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Long get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : scores[i];
    }

    @Override
    public Long put(String key, Long value) {
        int i = indexOf(key);
        if (i < 0) {
            throw new IllegalArgumentException("not a feasible node of this cycle: " + key);
        }
        long previous = scores[i];
        scores[i] = value;
        return previous;
    }

    @Override
    public Set<Entry<String, Long>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return scores.length;
            }

            @Override
            public Iterator<Entry<String, Long>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < scores.length;
                    }

                    @Override
                    public Entry<String, Long> next() {
                        if (next >= scores.length) {
                            throw new NoSuchElementException();
                        }
                        return new Slot(next++);
                    }
                };
            }
        };
    }

    /** One node's score, written through to the array; equal to any entry of the same name and score. */
    private final class Slot implements Entry<String, Long> {
        private final int i;

        Slot(int i) {
            this.i = i;
        }

        @Override
        public String getKey() {
            return nodes.get(i).name();
        }

        @Override
        public Long getValue() {
            return scores[i];
        }

        @Override
        public Long setValue(Long value) {
            long previous = scores[i];
            scores[i] = value;
            return previous;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry<?, ?> e && Objects.equals(getKey(), e.getKey())
                    && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(getKey()) ^ Long.hashCode(scores[i]);
        }

        @Override
        public String toString() {
            return getKey() + "=" + scores[i];
        }
    }

    /** Built on the first lookup by name: the default plugins only iterate and replace. */
    private int indexOf(Object key) {
        if (index == null) {
            index = new HashMap<>(scores.length * 2);
            for (int i = 0; i < scores.length; i++) {
                index.put(nodes.get(i).name(), i);
            }
        }
        Integer i = index.get(key);
        return i == null ? -1 : i;
    }
}

package org.kybern.scheduler.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.NodeInfo;

/**
 * The state of one scheduling cycle: what plugins wrote, and the snapshot of nodes it runs against.
 * A Filter or Score plugin reads its PreFilter's value once per node, so values sit in a short array
 * (plugins use a few constant keys), not in a hash map.
 */
public final class Cycle implements CycleState {

    private String[] keys = new String[8];
    private Object[] values = new Object[8];
    private int size;
    private final List<NodeInfo> nodes;
    private final List<NodeInfo> withPodAffinity;

    /** A cycle against these nodes; those with pods with affinity are picked out when a plugin asks. */
    public Cycle(List<NodeInfo> nodes) {
        this(nodes, null);
    }

    /** A cycle against these nodes, of which {@code withPodAffinity} have pods with (anti-)affinity terms. */
    Cycle(List<NodeInfo> nodes, List<NodeInfo> withPodAffinity) {
        this.nodes = nodes;
        this.withPodAffinity = withPodAffinity;
    }

    @Override
    public void write(String key, Object value) {
        int i = indexOf(java.util.Objects.requireNonNull(key, "key"));
        if (i < 0) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            i = size++;
            keys[i] = key;
        }
        values[i] = value;
    }

    @Override
    public <T> Optional<T> read(String key, Class<T> type) {
        int i = indexOf(key);
        Object value = i < 0 ? null : values[i];
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    /** String.equals answers at once for the same instance, the usual case. */
    private int indexOf(String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public List<NodeInfo> allNodes() {
        return nodes;
    }

    @Override
    public List<NodeInfo> nodesWithPodAffinity() {
        return withPodAffinity != null ? withPodAffinity : CycleState.super.nodesWithPodAffinity();
    }
}

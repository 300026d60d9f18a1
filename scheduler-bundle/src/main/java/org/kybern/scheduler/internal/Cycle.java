package org.kybern.scheduler.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.NodeInfo;

/**
 * The state of one scheduling cycle: what plugins wrote, and the snapshot of nodes it runs against.
 * A Filter or Score plugin reads its PreFilter's value once per node, so values sit in a short array
 * (plugins use a few constant keys), not in a hash map. Filter and Score run on several threads at
 * once ({@link Parallelizer}), and a Score plugin may write what it computed on its first call: a write
 * publishes a new array, so reads take no lock.
 */
public final class Cycle implements CycleState {

    private record Entry(String key, Object value) {
    }

    private volatile Entry[] entries = new Entry[0];
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
    public synchronized void write(String key, Object value) {
        Entry[] now = entries;
        int i = indexOf(now, java.util.Objects.requireNonNull(key, "key"));
        Entry[] next = Arrays.copyOf(now, i < 0 ? now.length + 1 : now.length);
        next[i < 0 ? now.length : i] = new Entry(key, value);
        entries = next;
    }

    @Override
    public <T> Optional<T> read(String key, Class<T> type) {
        Entry[] now = entries;
        int i = indexOf(now, key);
        Object value = i < 0 ? null : now[i].value();
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    /** String.equals answers at once for the same instance, the usual case. */
    private static int indexOf(Entry[] entries, String key) {
        for (int i = 0; i < entries.length; i++) {
            if (entries[i].key().equals(key)) {
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

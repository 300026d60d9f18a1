package org.kybern.scheduler.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.NodeInfo;

/** The state of one scheduling cycle: what plugins wrote, and the snapshot of nodes it runs against. */
public final class Cycle implements CycleState {

    private final Map<String, Object> values = new HashMap<>();
    private final List<NodeInfo> nodes;

    public Cycle(List<NodeInfo> nodes) {
        this.nodes = nodes;
    }

    @Override
    public void write(String key, Object value) {
        values.put(key, value);
    }

    @Override
    public <T> Optional<T> read(String key, Class<T> type) {
        Object value = values.get(key);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    @Override
    public List<NodeInfo> allNodes() {
        return nodes;
    }
}

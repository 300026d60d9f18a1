package org.kybern.scheduler.internal;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.Resources;

/**
 * The scheduler's view of the cluster: every node with the pods on it (bound, or assumed while their
 * binding is on its way) and the sum of what they request, kept up to date incrementally from the
 * informers' events, so scheduling a pod never re-adds a node's pods. Thread-safe.
 */
final class ClusterSnapshot {

    /** One node's pods; the node itself may not be known yet when its pods are. */
    private static final class NodeState {
        final String name;
        Node node;
        Resources allocatable = Resources.NONE;
        final Map<String, Pod> pods = new LinkedHashMap<>();
        final Map<String, Resources> requests = new HashMap<>();
        final Map<String, Resources> scoringRequests = new HashMap<>();
        Resources requested = Resources.NONE;
        Resources scoringRequested = Resources.NONE;
        int withAffinity;
        NodeInfo info;

        NodeState(String name) {
            this.name = name;
        }
    }

    /** By node name, in name order. */
    private final Map<String, NodeState> nodes = new java.util.TreeMap<>();
    /** Pod key (namespace/name) to the node it is on. */
    private final Map<String, String> placed = new HashMap<>();
    /** Pods assumed on a node, not yet confirmed by the informer. */
    private final Map<String, String> assumed = new HashMap<>();
    /** The published view: never changed once handed out; a changed node is replaced in a copy. */
    private NodeInfo[] view;
    private List<NodeInfo> published;
    /** Those of {@link #published} with pods that have pod (anti-)affinity; null when to be picked out again. */
    private List<NodeInfo> publishedWithAffinity;
    /** Each node's place in {@link #view}; rebuilt when nodes come or go. */
    private final Map<String, Integer> positions = new HashMap<>();
    /** Nodes changed since the view was published. */
    private final java.util.Set<NodeState> dirty = new java.util.LinkedHashSet<>();

    synchronized void putNode(Node node) {
        NodeState state = nodes.computeIfAbsent(node.getMetadata().getName(), NodeState::new);
        if (state.node == null) {
            view = null; // a node the view does not have yet
        }
        state.node = node;
        state.allocatable = Resources.allocatableOf(node);
        changed(state);
    }

    synchronized void removeNode(String name) {
        NodeState state = nodes.get(name);
        if (state == null) {
            return;
        }
        state.node = null;
        if (state.pods.isEmpty()) {
            nodes.remove(name);
        }
        view = null;
    }

    /**
     * A pod as the informer reports it: counted on its node when it has one and has not finished,
     * confirming an assumption; forgotten otherwise.
     */
    synchronized void putPod(Pod pod) {
        String key = key(pod);
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        boolean counts = node != null && !node.isEmpty() && !"Succeeded".equals(phase) && !"Failed".equals(phase);
        if (!counts) {
            if (!assumed.containsKey(key)) {
                removePod(key);
            }
            return;
        }
        assumed.remove(key);
        place(key, pod, node);
    }

    /** A pod chosen for a node before the API server confirms it: counted there at once. */
    synchronized void assume(Pod pod, String node) {
        String key = key(pod);
        assumed.put(key, node);
        place(key, pod, node);
    }

    /** Undoes {@link #assume} after a failed binding; a confirmed pod stays. */
    synchronized void forget(Pod pod) {
        String key = key(pod);
        if (assumed.remove(key) != null) {
            removePod(key);
        }
    }

    synchronized void removePod(String key) {
        assumed.remove(key);
        String node = placed.remove(key);
        if (node == null) {
            return;
        }
        NodeState state = nodes.get(node);
        unplace(state, key);
        if (state.node == null && state.pods.isEmpty()) {
            nodes.remove(node);
            view = null;
        } else {
            changed(state);
        }
    }

    /** Whether the pod is counted on a node (bound or assumed). */
    synchronized boolean isPlaced(String key) {
        return placed.containsKey(key);
    }

    /**
     * The nodes now, in name order, with their pods; the same list until something changes. When only
     * some nodes changed (a pod placed), the list is a copy of the last with just those replaced.
     */
    synchronized List<NodeInfo> nodes() {
        if (view == null) {
            List<NodeInfo> list = new ArrayList<>(nodes.size());
            positions.clear();
            for (NodeState state : nodes.values()) {
                if (state.node != null) {
                    positions.put(state.name, list.size());
                    list.add(info(state));
                }
            }
            view = list.toArray(NodeInfo[]::new);
            published = java.util.Collections.unmodifiableList(java.util.Arrays.asList(view));
            publishedWithAffinity = null;
        } else if (!dirty.isEmpty()) {
            NodeInfo[] copy = view.clone();
            for (NodeState state : dirty) {
                Integer position = positions.get(state.name);
                if (position != null && state.node != null) {
                    NodeInfo before = copy[position];
                    copy[position] = info(state);
                    if (!before.podsWithAffinity().isEmpty() || state.withAffinity > 0) {
                        publishedWithAffinity = null;
                    }
                }
            }
            view = copy;
            published = java.util.Collections.unmodifiableList(java.util.Arrays.asList(view));
        }
        dirty.clear();
        return published;
    }

    /**
     * A scheduling cycle against the nodes now ({@link #nodes()}), knowing which of them have pods with
     * pod (anti-)affinity: picked out again only when such a pod came or went, not for every pod placed.
     */
    synchronized Cycle cycle() {
        List<NodeInfo> nodes = nodes();
        if (publishedWithAffinity == null) {
            publishedWithAffinity = nodes.stream().filter(node -> !node.podsWithAffinity().isEmpty()).toList();
        }
        return new Cycle(nodes, publishedWithAffinity);
    }

    private static NodeInfo info(NodeState state) {
        if (state.info == null) {
            List<Pod> withAffinity = state.withAffinity == 0 ? List.of()
                    : state.pods.values().stream().filter(NodeInfo::hasPodAffinity).toList();
            state.info = new NodeInfo(state.node, state.allocatable, List.copyOf(state.pods.values()),
                    state.requested, state.scoringRequested, withAffinity);
        }
        return state.info;
    }

    private void place(String key, Pod pod, String node) {
        String previous = placed.get(key);
        if (previous != null) {
            NodeState old = nodes.get(previous);
            unplace(old, key);
            changed(old);
        }
        NodeState state = nodes.computeIfAbsent(node, NodeState::new);
        Resources requests = Resources.requestedBy(pod);
        Resources scoring = Resources.requestedForScoring(pod);
        state.pods.put(key, pod);
        state.requests.put(key, requests);
        state.scoringRequests.put(key, scoring);
        state.requested = state.requested.plus(requests, 1);
        state.scoringRequested = state.scoringRequested.plus(scoring, 1);
        if (NodeInfo.hasPodAffinity(pod)) {
            state.withAffinity++;
        }
        placed.put(key, node);
        changed(state);
    }

    private static void unplace(NodeState state, String key) {
        Pod pod = state.pods.remove(key);
        state.requested = state.requested.plus(state.requests.remove(key), -1);
        state.scoringRequested = state.scoringRequested.plus(state.scoringRequests.remove(key), -1);
        if (NodeInfo.hasPodAffinity(pod)) {
            state.withAffinity--;
        }
    }

    private void changed(NodeState state) {
        state.info = null;
        dirty.add(state);
    }

    static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
}

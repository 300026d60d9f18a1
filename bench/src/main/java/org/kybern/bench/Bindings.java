package org.kybern.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a scheduling run saw of pods {@code pod-0 … pod-(n-1)}: when each create was sent, when a
 * watch first showed the pod with {@code spec.nodeName} set and on which node, and any later sight
 * of it on another node (a second binding). From these: per-pod scheduling latency (bound seen −
 * create sent) and scheduled pods per second (pods / (last bound seen − first create sent)).
 * Creates are recorded by the creating threads (one pod each), sightings by the one thread reading
 * the watch; the figures are read after both are done.
 */
final class Bindings {

    private static final String PREFIX = "pod-";

    private final long[] sent;
    private final long[] seen;
    private final String[] node;
    private final List<String> problems = new ArrayList<>();
    private int bound;

    Bindings(int pods) {
        sent = new long[pods];
        seen = new long[pods];
        node = new String[pods];
    }

    /** The name of pod {@code index}. */
    static String name(int index) {
        return PREFIX + index;
    }

    /** The index of a pod named by {@link #name}, or -1 for any other name. */
    static int index(String name) {
        if (!name.startsWith(PREFIX) || !name.substring(PREFIX.length()).matches("0|[1-9][0-9]{0,8}")) {
            return -1;
        }
        return Integer.parseInt(name.substring(PREFIX.length()));
    }

    int pods() {
        return sent.length;
    }

    /** Pod {@code index}'s create request is about to be sent, at {@code nanos}. */
    void sent(int index, long nanos) {
        sent[index] = nanos;
    }

    /** A watch event at {@code nanos} shows pod {@code name} on {@code nodeName} (empty: not bound); other pods are ignored. */
    void saw(String name, String nodeName, long nanos) {
        int i = index(name);
        if (i < 0 || i >= node.length || nodeName == null || nodeName.isEmpty()) {
            return;
        }
        if (node[i] == null) {
            node[i] = nodeName;
            seen[i] = nanos;
            bound++;
        } else if (!node[i].equals(nodeName)) {
            problems.add(name + " was bound to " + node[i] + ", then seen on " + nodeName);
        }
    }

    /** Pods seen bound. */
    int bound() {
        return bound;
    }

    boolean allBound() {
        return bound == node.length;
    }

    /** The node pod {@code index} was first seen on, or {@code null}. */
    String nodeOf(int index) {
        return node[index];
    }

    /** Pods seen on a second node. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Bound seen − create sent of each bound pod, in ns, ascending. */
    long[] sortedLatencies() {
        long[] latencies = new long[bound];
        int n = 0;
        for (int i = 0; i < node.length; i++) {
            if (node[i] != null) {
                latencies[n++] = seen[i] - sent[i];
            }
        }
        Arrays.sort(latencies);
        return latencies;
    }

    /** Pods bound per second, from the first create sent to the last binding seen; 0 before any. */
    double podsPerSecond() {
        if (bound == 0) {
            return 0;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < node.length; i++) {
            first = Math.min(first, sent[i]);
            if (node[i] != null) {
                last = Math.max(last, seen[i]);
            }
        }
        return bound / ((last - first) / 1e9);
    }
}

package org.kybern.proxy.userspace.internal;

/** Connection counters of one service port (TCP connections or UDP sessions); used on the relay loop. */
final class PortStats {

    private int open;
    private long total;

    void opened() {
        open++;
        total++;
    }

    void closed() {
        open--;
    }

    int open() {
        return open;
    }

    long total() {
        return total;
    }

    /** The console line: {@code connections: <open> (total <n>)}. */
    String describe() {
        return "connections: " + open + " (total " + total + ")";
    }
}

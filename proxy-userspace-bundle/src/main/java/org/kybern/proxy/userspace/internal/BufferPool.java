package org.kybern.proxy.userspace.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Direct buffers for the relay's connections, reused: direct buffers save the copy NIO makes of a heap
 * buffer on every read and write, but are dear to allocate and freed only by the garbage collector.
 * Keeps at most {@code maxFree} buffers for reuse and, if bounded, lends at most {@code maxOut} at a
 * time. Used on the relay loop.
 */
final class BufferPool {

    private final int bufferBytes;
    private final int maxFree;
    private final int maxOut;
    private final Deque<ByteBuffer> free = new ArrayDeque<>();
    private int out;

    /** A pool that lends as many buffers as asked for. */
    BufferPool(int bufferBytes, int maxFree) {
        this(bufferBytes, maxFree, Integer.MAX_VALUE);
    }

    BufferPool(int bufferBytes, int maxFree, int maxOut) {
        this.bufferBytes = bufferBytes;
        this.maxFree = maxFree;
        this.maxOut = maxOut;
    }

    /** An empty buffer, or {@code null} when {@code maxOut} are lent already. */
    ByteBuffer take() {
        if (out >= maxOut) {
            return null;
        }
        out++;
        ByteBuffer buffer = free.poll();
        return buffer != null ? buffer.clear() : ByteBuffer.allocateDirect(bufferBytes);
    }

    /** Gives back a buffer of this pool no one uses any more. */
    void give(ByteBuffer buffer) {
        out--;
        if (free.size() < maxFree) {
            free.push(buffer);
        }
    }

    int free() {
        return free.size();
    }
}

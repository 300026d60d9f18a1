package org.kybern.proxy.userspace.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Direct buffers for the relay's connections, reused: direct buffers save the copy NIO makes of a heap
 * buffer on every read and write, but are dear to allocate and freed only by the garbage collector.
 * Keeps at most {@code maxFree} buffers for reuse. Used on the relay loop.
 */
final class BufferPool {

    private final int bufferBytes;
    private final int maxFree;
    private final Deque<ByteBuffer> free = new ArrayDeque<>();

    BufferPool(int bufferBytes, int maxFree) {
        this.bufferBytes = bufferBytes;
        this.maxFree = maxFree;
    }

    /** An empty buffer. */
    ByteBuffer take() {
        ByteBuffer buffer = free.poll();
        return buffer != null ? buffer.clear() : ByteBuffer.allocateDirect(bufferBytes);
    }

    /** Gives back a buffer no one uses any more. */
    void give(ByteBuffer buffer) {
        if (free.size() < maxFree) {
            free.push(buffer);
        }
    }

    int free() {
        return free.size();
    }
}

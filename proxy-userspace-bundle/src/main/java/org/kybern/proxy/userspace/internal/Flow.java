package org.kybern.proxy.userspace.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One direction of a relayed TCP connection: bytes read from {@code from} wait in a bounded buffer until
 * {@code to} takes them. A full buffer stops reading (backpressure); the end of {@code from}'s stream,
 * once the buffer is written, becomes a half-close ({@code shutdownOutput}) of {@code to}. A read that
 * fills the small buffer a flow starts with moves it to a bulk buffer, if one is free ({@link RelayBuffers}).
 */
final class Flow {

    private final SocketChannel from;
    private final SocketChannel to;
    private final RelayBuffers buffers;
    private ByteBuffer buffer;
    private boolean bulk;
    private boolean ended;
    private boolean shut;

    Flow(SocketChannel from, SocketChannel to, RelayBuffers buffers) {
        this.from = from;
        this.to = to;
        this.buffers = buffers;
        this.buffer = buffers.small().take();
    }

    /** Reads what {@code from} has, as far as the buffer takes it, then writes what {@code to} takes. */
    void pump() throws IOException {
        if (wantsRead()) {
            if (from.read(buffer) < 0) {
                ended = true;
            } else if (!buffer.hasRemaining() && !bulk) {
                moveToBulkBuffer();
            }
        }
        flush();
    }

    private void moveToBulkBuffer() {
        ByteBuffer larger = buffers.bulk().take();
        if (larger != null) {
            buffer.flip();
            larger.put(buffer);
            buffers.small().give(buffer);
            buffer = larger;
            bulk = true;
        }
    }

    /** Writes what {@code to} takes of the buffer; half-closes {@code to} once {@code from} ended and all is out. */
    void flush() throws IOException {
        if (buffer.position() > 0) {
            buffer.flip();
            try {
                to.write(buffer);
            } finally {
                buffer.compact();
            }
        }
        if (ended && !shut && buffer.position() == 0) {
            to.shutdownOutput();
            shut = true;
        }
    }

    boolean reads(SocketChannel channel) {
        return channel == from;
    }

    /** Whether {@code from} should be read: its stream goes on and the buffer has room. */
    boolean wantsRead() {
        return !ended && buffer.hasRemaining();
    }

    /** Whether bytes wait for {@code to}. */
    boolean wantsWrite() {
        return buffer.position() > 0;
    }

    /** Gives the buffer back for reuse, once the connection is closed. */
    void release() {
        (bulk ? buffers.bulk() : buffers.small()).give(buffer);
        buffer = null;
    }

    /** The size of the buffer it has now. */
    int bufferBytes() {
        return buffer.capacity();
    }

    /** Whether this direction is over: {@code from} ended and {@code to} got everything and was half-closed. */
    boolean done() {
        return shut;
    }
}

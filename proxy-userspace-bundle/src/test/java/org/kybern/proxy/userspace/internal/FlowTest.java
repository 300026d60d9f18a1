package org.kybern.proxy.userspace.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One relay direction between two real loopback connections: {@code writer -> from} is relayed to
 * {@code to -> reader}. Backpressure: a reader that does not read stops the flow reading. A flow whose
 * reads fill its small buffer moves to a bulk one while the bulk pool has one to lend.
 */
class FlowTest {

    private static final int BUFFER = 16 * 1024;
    private static final int BULK_BUFFER = 256 * 1024;

    private ServerSocketChannel server;
    private SocketChannel writer;
    private SocketChannel from;
    private SocketChannel to;
    private SocketChannel reader;
    private RelayBuffers buffers;
    private Flow flow;

    @BeforeEach
    void setUp() throws IOException {
        server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        writer = SocketChannel.open(server.getLocalAddress());
        from = server.accept();
        to = SocketChannel.open(server.getLocalAddress());
        reader = server.accept();
        for (SocketChannel channel : new SocketChannel[] {writer, from, to, reader}) {
            channel.configureBlocking(false);
        }
        // No bulk buffer unless a test gives the pool one.
        buffers = new RelayBuffers(new BufferPool(BUFFER, 2), new BufferPool(BULK_BUFFER, 1, 0));
        flow = new Flow(from, to, buffers);
    }

    @AfterEach
    void tearDown() {
        for (AutoCloseable closeable : new AutoCloseable[] {writer, from, to, reader, server}) {
            Closing.quietly(closeable);
        }
    }

    @Test
    void aReaderThatDoesNotReadStopsTheFlowReading() throws Exception {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long written = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (flow.wantsRead() && System.nanoTime() < deadline) {
            chunk.clear();
            written += writer.write(chunk);
            flow.pump();
        }
        assertFalse(flow.wantsRead(), "the buffer filled up because nobody reads the other side");
        assertTrue(flow.wantsWrite());

        ByteBuffer drained = ByteBuffer.allocate(1024 * 1024);
        reader.read(drained);
        flow.flush();
        assertTrue(drained.position() > 0);
        assertTrue(flow.wantsRead(), "once the reader took some, the flow reads again");
        assertTrue(written > 0);
    }

    @Test
    void theEndOfTheStreamBecomesAHalfCloseAfterTheLastByte() throws Exception {
        byte[] data = NameEndpoint.data(100_000);
        ByteBuffer out = ByteBuffer.wrap(data);
        ByteBuffer in = ByteBuffer.allocate(data.length + 1);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        boolean readerSawEnd = false;
        while (!readerSawEnd && System.nanoTime() < deadline) {
            if (out.hasRemaining()) {
                writer.write(out);
            } else if (!writer.socket().isOutputShutdown()) {
                writer.shutdownOutput();
            }
            flow.pump();
            readerSawEnd = reader.read(in) < 0;
        }
        assertTrue(readerSawEnd, "the reader got the end of the stream");
        assertTrue(flow.done());
        assertEquals(data.length, in.position());
        assertArrayEquals(data, java.util.Arrays.copyOf(in.array(), data.length));
    }

    @Test
    void aFlowWhoseReadsFillItsBufferMovesToABulkOneWhileTheBulkPoolLendsOne() throws Exception {
        buffers = new RelayBuffers(new BufferPool(BUFFER, 2), new BufferPool(BULK_BUFFER, 1, 1));
        flow = new Flow(from, to, buffers);
        Flow second = new Flow(to, from, buffers);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        relay(flow, writer, reader, deadline);
        assertEquals(BULK_BUFFER, flow.bufferBytes(), "its reads filled the small buffer");

        // The one bulk buffer is lent: another flow whose reads fill its buffer keeps the small one...
        relay(second, reader, writer, deadline);
        assertEquals(BUFFER, second.bufferBytes());
        // ...until the first gives it back.
        flow.release();
        relay(second, reader, writer, deadline);
        assertEquals(BULK_BUFFER, second.bufferBytes());

        second.release();
        assertEquals(1, buffers.bulk().free(), "the bulk buffer came back for the next flow");
    }

    /** Relays a megabyte {@code source -> flow -> sink}: every byte arrives, in order, also across a move. */
    private static void relay(Flow flow, SocketChannel source, SocketChannel sink, long deadline) throws IOException {
        byte[] data = NameEndpoint.data(1_000_000);
        ByteBuffer out = ByteBuffer.wrap(data);
        ByteBuffer in = ByteBuffer.allocate(data.length);
        while (in.hasRemaining() && System.nanoTime() < deadline) {
            source.write(out);
            flow.pump();
            sink.read(in);
        }
        assertArrayEquals(data, in.array(), "every byte arrived, in order");
    }
}

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
 * {@code to -> reader}. Backpressure: a reader that does not read stops the flow reading.
 */
class FlowTest {

    private static final int BUFFER = 16 * 1024;

    private ServerSocketChannel server;
    private SocketChannel writer;
    private SocketChannel from;
    private SocketChannel to;
    private SocketChannel reader;
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
        flow = new Flow(from, to, ByteBuffer.allocate(BUFFER));
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
}

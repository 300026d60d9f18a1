package org.kybern.proxy.userspace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Buffers come back empty for reuse; a pool keeps no more than {@code maxFree} and lends no more than {@code maxOut}. */
class BufferPoolTest {

    @Test
    void aGivenBackBufferIsReusedEmpty() {
        BufferPool pool = new BufferPool(1024, 2);
        ByteBuffer buffer = pool.take();
        assertTrue(buffer.isDirect());
        assertEquals(1024, buffer.capacity());
        buffer.put(new byte[100]);

        pool.give(buffer);
        ByteBuffer again = pool.take();

        assertSame(buffer, again);
        assertEquals(0, again.position());
        assertEquals(1024, again.remaining());
        assertNotSame(again, pool.take(), "an empty pool allocates");
    }

    @Test
    void keepsAtMostItsBound() {
        BufferPool pool = new BufferPool(64, 2);
        for (int i = 0; i < 5; i++) {
            pool.give(ByteBuffer.allocateDirect(64));
        }
        assertEquals(2, pool.free());
    }

    @Test
    void aBoundedPoolLendsAtMostItsBoundUntilOneComesBack() {
        BufferPool pool = new BufferPool(64, 2, 2);
        ByteBuffer first = pool.take();
        assertNotNull(pool.take());
        assertNull(pool.take(), "two are out");

        pool.give(first);

        assertSame(first, pool.take());
        assertNull(pool.take());
    }
}

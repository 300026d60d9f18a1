package org.kybern.proxy.userspace.internal;

/**
 * The relay's buffers: every connection's two flows start with a small one; a flow whose read fills
 * it (a bulk transfer) moves to a bulk buffer while one of the bounded number is free. Reading and
 * writing a megabyte at a time instead of 64 KiB is what lets one thread relay a download at about
 * three quarters of the speed of a direct connection (docs/proxy-userspace.md), without giving every
 * idle connection two megabytes. Used on the relay loop.
 *
 * @param small buffers every flow starts with
 * @param bulk  the bounded pool of large buffers ({@code maxOut} 0: none)
 */
record RelayBuffers(BufferPool small, BufferPool bulk) {

    /** Small buffers kept for reuse: those of 128 connections. */
    private static final int POOLED_SMALL = 256;

    static RelayBuffers of(Settings settings) {
        boolean bulk = settings.bulkBufferBytes() > settings.bufferBytes();
        return new RelayBuffers(new BufferPool(settings.bufferBytes(), POOLED_SMALL),
                new BufferPool(settings.bulkBufferBytes(), settings.bulkBuffers(), bulk ? settings.bulkBuffers() : 0));
    }
}

package org.kybern.store.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.kybern.api.store.KeyValue;
import org.kybern.api.store.WatchEvent;

/**
 * The on-disk form of one change: {@code [int length][int crc32c][payload]}, the payload being
 * {@code [byte type][long revision][long createRevision][long version][int keyLength][key][int valueLength][value]}.
 * The length and checksum let recovery tell a complete record from a torn or partial one.
 */
final class JournalRecords {

    static final byte PUT = 1;
    static final byte DELETE = 2;
    private static final int HEADER = 8;
    /** Larger than any value the API server stores (etcd's default limit is 1.5 MiB); guards against garbage lengths. */
    static final int MAX_PAYLOAD = 64 << 20;

    private JournalRecords() {
    }

    /** Appends the framed record of {@code change} to {@code out}. */
    static void write(WatchEvent change, ByteArrayOutputStream out) {
        KeyValue kv = change.current();
        write(change.type() == WatchEvent.Type.PUT ? PUT : DELETE, kv, out);
    }

    /** Appends a framed record of a key-value (a put) or of a delete ({@code kv} carrying key and revision). */
    static void write(byte type, KeyValue kv, ByteArrayOutputStream out) {
        byte[] key = kv.key().getBytes(StandardCharsets.UTF_8);
        byte[] value = type == PUT ? kv.value() : new byte[0];
        ByteArrayOutputStream payloadBytes = new ByteArrayOutputStream(41 + key.length + value.length);
        try (DataOutputStream payload = new DataOutputStream(payloadBytes)) {
            payload.writeByte(type);
            payload.writeLong(kv.modRevision());
            payload.writeLong(kv.createRevision());
            payload.writeLong(kv.version());
            payload.writeInt(key.length);
            payload.write(key);
            payload.writeInt(value.length);
            payload.write(value);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        byte[] body = payloadBytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(body.length).putInt((int) crc.getValue());
        out.write(header.array(), 0, HEADER);
        out.write(body, 0, body.length);
    }

    /** A decoded record. */
    record Decoded(byte type, KeyValue keyValue) {

        WatchEvent.Type eventType() {
            return type == PUT ? WatchEvent.Type.PUT : WatchEvent.Type.DELETE;
        }
    }

    /**
     * Reads the record at the buffer's position and advances past it.
     *
     * @return the record, or {@code null} if the rest of the buffer does not hold one whole,
     *         intact record (a torn or partial write); the position is then unchanged
     */
    static Decoded read(ByteBuffer in) {
        int start = in.position();
        if (in.remaining() < HEADER) {
            return null;
        }
        int length = in.getInt();
        int expectedCrc = in.getInt();
        if (length < 25 || length > MAX_PAYLOAD || in.remaining() < length) {
            in.position(start);
            return null;
        }
        byte[] body = new byte[length];
        in.get(body);
        CRC32C crc = new CRC32C();
        crc.update(body);
        if ((int) crc.getValue() != expectedCrc) {
            in.position(start);
            return null;
        }
        try {
            ByteBuffer p = ByteBuffer.wrap(body);
            byte type = p.get();
            long revision = p.getLong();
            long createRevision = p.getLong();
            long version = p.getLong();
            byte[] key = new byte[p.getInt()];
            p.get(key);
            byte[] value = new byte[p.getInt()];
            p.get(value);
            if ((type != PUT && type != DELETE) || p.hasRemaining()) {
                in.position(start);
                return null;
            }
            return new Decoded(type, new KeyValue(new String(key, StandardCharsets.UTF_8), value,
                    createRevision, revision, version));
        } catch (RuntimeException malformed) {
            in.position(start);
            return null;
        }
    }
}

package org.kybern.store.etcd.internal;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.kybern.api.store.CompactedException;
import org.kybern.api.store.ConflictException;
import org.kybern.api.store.KeyExistsException;
import org.kybern.api.store.KeyNotFoundException;
import org.kybern.api.store.KeyValue;
import org.kybern.api.store.RangeResult;
import org.kybern.api.store.Store;
import org.kybern.api.store.StoreException;
import org.kybern.api.store.Watch;
import org.kybern.api.store.WatchListener;

/**
 * The {@link Store} on etcd v3. etcd's data model is the SPI's, so the mapping is direct: the
 * store revision is etcd's, compare-and-swap is a transaction comparing {@code mod_revision} (or
 * {@code version} 0 for "absent"), and watches are etcd watches with previous values.
 *
 * <p>Keys: the SPI's keys start with {@value #SPI_ROOT}; in etcd that root is replaced by the
 * configured prefix (by default the same {@code /registry}, as Kubernetes lays keys out).
 */
public final class EtcdStore implements Store, AutoCloseable {

    static final String SPI_ROOT = "/registry";

    private final Client client;
    private final KV kv;
    private final String prefix;
    private final Duration timeout;
    /** The highest compaction revision this store has made or been told about. */
    private final AtomicLong compacted = new AtomicLong();
    /** Re-opens broken watches after a back-off. */
    private final ScheduledExecutorService watchRetries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kybern-etcd-watch-resume");
        t.setDaemon(true);
        return t;
    });

    /**
     * Connects to etcd without TLS or authentication, outside OSGi: for tests, tools and
     * benchmarks. Close the store to close its client.
     */
    public static EtcdStore connect(List<String> endpoints, String prefix, Duration timeout) {
        return new EtcdStore(Client.builder().endpoints(endpoints.toArray(String[]::new)).build(), prefix, timeout);
    }

    EtcdStore(Client client, String prefix, Duration timeout) {
        if (prefix.endsWith("/")) {
            throw new IllegalArgumentException("the key prefix must not end with '/': " + prefix);
        }
        this.client = client;
        this.kv = client.getKVClient();
        this.prefix = prefix;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public Optional<KeyValue> get(String key) {
        GetResponse r = await(kv.get(etcdKey(key)));
        return r.getKvs().isEmpty() ? Optional.empty() : Optional.of(fromEtcd(r.getKvs().get(0)));
    }

    @Override
    public RangeResult range(String keyPrefix, int limit, String startAfter, long atRevision) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        ByteSequence from = etcdKey(keyPrefix);
        if (startAfter != null && startAfter.compareTo(keyPrefix) >= 0) {
            from = etcdKey(startAfter + "\0");
        }
        GetOption.Builder option = GetOption.builder().withRange(rangeEnd(etcdKey(keyPrefix)))
                .withSortField(GetOption.SortTarget.KEY).withSortOrder(GetOption.SortOrder.ASCEND);
        if (limit > 0) {
            option.withLimit(limit);
        }
        if (atRevision > 0) {
            option.withRevision(atRevision);
        }
        GetResponse r = await(kv.get(from, option.build()));
        List<KeyValue> items = new ArrayList<>(r.getKvs().size());
        r.getKvs().forEach(e -> items.add(fromEtcd(e)));
        long revision = atRevision > 0 ? atRevision : r.getHeader().getRevision();
        return new RangeResult(items, revision, r.isMore());
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        ByteSequence k = etcdKey(key);
        TxnResponse r = await(kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.version(0)))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                .commit());
        if (!r.isSucceeded()) {
            throw new KeyExistsException(key);
        }
        long revision = r.getHeader().getRevision();
        return new KeyValue(key, value.clone(), revision, revision, 1);
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        ByteSequence k = etcdKey(key);
        TxnResponse r = await(kv.txn()
                .If(expectation(k, expectedModRevision))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.builder().withPrevKV().build()))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit());
        if (!r.isSucceeded()) {
            throw refusal(key, expectedModRevision, r);
        }
        KeyValue prev = fromEtcd(r.getPutResponses().get(0).getPrevKv());
        return new KeyValue(key, value.clone(), prev.createRevision(), r.getHeader().getRevision(), prev.version() + 1);
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        ByteSequence k = etcdKey(key);
        TxnResponse r = await(kv.txn()
                .If(expectation(k, expectedModRevision))
                .Then(Op.delete(k, DeleteOption.builder().withPrevKV(true).build()))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit());
        if (!r.isSucceeded()) {
            throw refusal(key, expectedModRevision, r);
        }
        return fromEtcd(r.getDeleteResponses().get(0).getPrevKvs().get(0));
    }

    @Override
    public Watch watch(String keyPrefix, long afterRevision, WatchListener listener) {
        ByteSequence from = etcdKey(keyPrefix);
        long after = afterRevision == 0 ? currentRevision() : afterRevision;
        // etcd reports a compacted start revision only asynchronously; reading at that revision
        // first turns it into the SPI's synchronous CompactedException.
        await(kv.get(from, GetOption.builder().withRevision(after).withCountOnly(true).withLimit(1).build()));
        EtcdWatch watch = new EtcdWatch(this, client.getWatchClient(), from, rangeEnd(from), after, listener, watchRetries);
        watch.open();
        return watch;
    }

    @Override
    public void compact(long revision) {
        await(kv.compact(revision));
        compacted.accumulateAndGet(revision, Math::max);
    }

    @Override
    public long currentRevision() {
        return await(kv.get(etcdKey(SPI_ROOT), GetOption.builder().withCountOnly(true).build()))
                .getHeader().getRevision();
    }

    /** The highest compaction this store made or saw; etcd does not report it otherwise. */
    @Override
    public long compactedRevision() {
        return compacted.get();
    }

    @Override
    public void close() {
        watchRetries.shutdownNow();
        client.close();
    }

    // --- mapping --------------------------------------------------------------------------------

    ByteSequence etcdKey(String key) {
        if (key == null || !(key.equals(SPI_ROOT) || key.startsWith(SPI_ROOT + "/"))) {
            throw new IllegalArgumentException("keys start with " + SPI_ROOT + "/, not: " + key);
        }
        return ByteSequence.from(prefix + key.substring(SPI_ROOT.length()), StandardCharsets.UTF_8);
    }

    KeyValue fromEtcd(io.etcd.jetcd.KeyValue e) {
        String key = e.getKey().toString(StandardCharsets.UTF_8);
        return new KeyValue(SPI_ROOT + key.substring(prefix.length()), e.getValue().getBytes(),
                e.getCreateRevision(), e.getModRevision(), e.getVersion());
    }

    /** A watch's compaction error, remembered so {@link #compactedRevision()} knows it. */
    CompactedException compactedError(long requested, long compactRevision) {
        compacted.accumulateAndGet(compactRevision, Math::max);
        return new CompactedException(requested, compactRevision);
    }

    /** The first key after every key that starts with {@code prefix} (etcd's range end for a prefix). */
    private static ByteSequence rangeEnd(ByteSequence prefix) {
        byte[] end = prefix.getBytes();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return ByteSequence.from(java.util.Arrays.copyOf(end, i + 1));
            }
        }
        return ByteSequence.from(new byte[] {0}); // every key
    }

    private static Cmp expectation(ByteSequence key, long expectedModRevision) {
        return expectedModRevision == 0
                ? new Cmp(key, Cmp.Op.GREATER, CmpTarget.version(0))
                : new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision));
    }

    private StoreException refusal(String key, long expectedModRevision, TxnResponse r) {
        List<io.etcd.jetcd.KeyValue> current = r.getGetResponses().get(0).getKvs();
        if (current.isEmpty()) {
            return new KeyNotFoundException(key);
        }
        return new ConflictException(key, expectedModRevision, current.get(0).getModRevision());
    }

    private <T> T await(CompletableFuture<T> call) {
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for etcd", e);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new StoreException("etcd did not answer within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        }
    }

    private StoreException translate(Throwable cause) {
        if (cause instanceof io.etcd.jetcd.common.exception.CompactedException c) {
            return compactedError(0, c.getCompactedRevision());
        }
        String message = String.valueOf(cause.getMessage());
        if (message.contains("required revision has been compacted")) {
            return new CompactedException(0, compacted.get());
        }
        if (message.contains("required revision is a future revision")) {
            return new StoreException("the requested revision is in the future: " + message, cause);
        }
        return new StoreException("etcd request failed: " + message, cause);
    }
}

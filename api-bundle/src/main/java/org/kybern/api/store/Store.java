package org.kybern.api.store;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A revisioned key/value store with etcd v3 semantics.
 *
 * <p>Guarantees every implementation gives:
 * <ul>
 *   <li><b>One global revision.</b> Every successful {@code create}, {@code update} and
 *       {@code delete} increments the store's revision by exactly one; the new revision is the
 *       {@link KeyValue#modRevision()} of what was written. Revisions start above zero.</li>
 *   <li><b>Linearizable writes.</b> A write that returned is visible to every later read.</li>
 *   <li><b>Compare-and-swap.</b> {@code update} and {@code delete} with an expected revision
 *       succeed only if the key's current mod revision equals it.</li>
 *   <li><b>Ordered, gap-free watches.</b> A watch delivers every change under its prefix after its
 *       start revision exactly once, in revision order, each with the previous value.</li>
 * </ul>
 * Keys are laid out as Kubernetes lays them out in etcd, {@code /registry/<resource>/<namespace>/<name>};
 * every key starts with {@code /registry/}.
 *
 * <p>Services register with the property {@value #TYPE_PROPERTY} naming the implementation
 * ({@code embedded} or {@code etcd}).
 */
@ProviderType
public interface Store {

    /** Service property naming the implementation, e.g. {@code (kybern.store=etcd)}. */
    String TYPE_PROPERTY = "kybern.store";

    /** The implementation's name: {@code embedded}, {@code etcd}. */
    String name();

    /** The current value of {@code key}, or empty if it does not exist. */
    Optional<KeyValue> get(String key);

    /**
     * Reads keys that start with {@code prefix}, in ascending byte order of their UTF-8 key.
     *
     * @param prefix     keys to read; {@code ""} reads every key
     * @param limit      at most this many keys; {@code 0} means no limit
     * @param startAfter continue after this key (exclusive); {@code null} starts at the prefix
     * @param atRevision read the store as of this revision; {@code 0} means the current revision.
     *                   Pass {@link RangeResult#revision()} of the first page to every following
     *                   page to read one consistent snapshot across pages.
     * @throws CompactedException if {@code atRevision} is older than the compacted revision
     * @throws StoreException     if {@code atRevision} is newer than the current revision
     */
    RangeResult range(String prefix, int limit, String startAfter, long atRevision);

    /**
     * Creates {@code key}.
     *
     * @return the stored key-value; its create and mod revision are the new store revision
     * @throws KeyExistsException if the key exists
     */
    KeyValue create(String key, byte[] value);

    /**
     * Replaces the value of {@code key} if its mod revision is {@code expectedModRevision}.
     *
     * @param expectedModRevision the mod revision the caller read; {@code 0} means unconditionally
     *                            (the key must still exist)
     * @return the stored key-value with the new mod revision
     * @throws KeyNotFoundException if the key does not exist
     * @throws ConflictException    if the key's mod revision differs from the expected one
     */
    KeyValue update(String key, byte[] value, long expectedModRevision);

    /**
     * Deletes {@code key} if its mod revision is {@code expectedModRevision}.
     *
     * @param expectedModRevision {@code 0} deletes whatever revision is there
     * @return the key-value as it was just before the delete
     * @throws KeyNotFoundException if the key does not exist
     * @throws ConflictException    if the key's mod revision differs from the expected one
     */
    KeyValue delete(String key, long expectedModRevision);

    /**
     * Watches keys starting with {@code prefix}. Delivers every change with a revision greater
     * than {@code afterRevision}, in revision order, with no gaps and no duplicates, first the
     * history already in the store and then live changes. Events are delivered on a store thread,
     * one at a time per watch; a slow listener delays only its own watch.
     *
     * @param afterRevision deliver changes after this revision; {@code 0} means from now on
     * @throws CompactedException if history after {@code afterRevision} is no longer kept
     */
    Watch watch(String prefix, long afterRevision, WatchListener listener);

    /**
     * Discards history up to and including {@code revision}: reads and watches at older revisions
     * then fail with {@link CompactedException}. Current values are never discarded.
     */
    void compact(long revision);

    /** The revision of the last successful write. */
    long currentRevision();

    /**
     * The revision up to which history has been discarded ({@code 0} if none). A store shared with
     * other clients (etcd) reports the highest compaction it made or was told about.
     */
    long compactedRevision();
}

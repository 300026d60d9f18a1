package org.kybern.api.store;

/**
 * One change seen by a watch.
 *
 * @param type     what happened
 * @param current  for {@link Type#PUT} the new key-value; for {@link Type#DELETE} the key with an
 *                 empty value and the delete's revision as mod revision
 * @param previous the key-value before the change, or {@code null} if the key was created
 */
public record WatchEvent(Type type, KeyValue current, KeyValue previous) {

    /** The kinds of change, as in etcd. */
    public enum Type { PUT, DELETE }

    /** The store revision of this change. */
    public long revision() {
        return current.modRevision();
    }
}

package org.kybern.proxy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.kybern.api.proxy.ProxyBackend;
import org.kybern.api.proxy.ProxyException;
import org.kybern.api.proxy.ProxyState;

/**
 * A test double of a backend: appends every call ({@code mode.sync}, {@code mode.update[keys]},
 * {@code mode.cleanUp}) to a journal shared by several backends, so tests see the order across them;
 * fails the next calls when told, and may declare itself unusable.
 */
class RecordingBackend implements ProxyBackend {

    /** One call, with the state it was given and when. */
    record Call(String text, ProxyState state, long nanos) {
    }

    private final String mode;
    private final List<Call> journal;
    private volatile String unusable;
    private int failures;
    private ProxyState programmed;

    RecordingBackend(String mode, List<Call> journal) {
        this.mode = mode;
        this.journal = journal;
    }

    /** The next {@code count} sync or update calls throw. */
    synchronized RecordingBackend failNext(int count) {
        failures = count;
        return this;
    }

    RecordingBackend unusable(String reason) {
        unusable = reason;
        return this;
    }

    /** The state this backend holds now: the last one synced or updated, null after cleanUp. */
    synchronized ProxyState programmed() {
        return programmed;
    }

    @Override
    public String unusableReason() {
        return unusable;
    }

    @Override
    public synchronized void sync(ProxyState state) throws ProxyException {
        apply(mode + ".sync", state);
    }

    @Override
    public synchronized void update(ProxyState state, Set<String> changed) throws ProxyException {
        apply(mode + ".update" + new TreeSet<>(changed), state);
    }

    @Override
    public synchronized void cleanUp() {
        journal.add(new Call(mode + ".cleanUp", null, System.nanoTime()));
        programmed = null;
    }

    private void apply(String text, ProxyState state) throws ProxyException {
        if (failures > 0) {
            failures--;
            journal.add(new Call(text + " failed", state, System.nanoTime()));
            throw new ProxyException(mode + " refused the state on purpose");
        }
        journal.add(new Call(text, state, System.nanoTime()));
        programmed = state;
    }

    /** The calls' texts, in order. */
    static List<String> texts(List<Call> journal) {
        synchronized (journal) {
            List<String> texts = new ArrayList<>();
            journal.forEach(c -> texts.add(c.text()));
            return texts;
        }
    }
}

package org.kybern.proxy.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.kybern.api.proxy.ProxyBackend;
import org.kybern.api.proxy.ProxyException;
import org.kybern.api.proxy.ProxyState;
import org.kybern.api.proxy.ServicePort;
import org.kybern.proxy.internal.ProxyMode.Choice;
import org.kybern.proxy.internal.ProxyMode.Registered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the one active backend to the desired state, one {@link #pass} at a time (always from the
 * same thread): {@code update} with the changed keys while the backend stays, {@code sync} for a
 * full resync, and when the mode or the registered backends choose another one, make-before-break:
 * the new backend's {@code sync} first, then the old one's {@code cleanUp}. Backends are registered
 * and removed from any thread.
 */
final class BackendSwitch {

    private static final Logger LOG = LoggerFactory.getLogger(BackendSwitch.class);

    private final Supplier<ProxyState> desired;
    private final List<Registered> registered = new CopyOnWriteArrayList<>();
    /** Backends removed while active: done once the sync thread has switched away from them. */
    private final Map<ProxyBackend, CompletableFuture<Void>> leaving = new IdentityHashMap<>();
    private volatile String mode;
    private volatile Registered active;
    /** The state the active backend holds; null when unknown (none yet, or its last call failed). */
    private volatile ProxyState applied;
    private volatile String lastFailure;
    private volatile String lastChoice = "";

    BackendSwitch(Supplier<ProxyState> desired, String mode) {
        this.desired = desired;
        this.mode = ProxyMode.normalize(mode);
    }

    void add(String backendMode, ProxyBackend backend) {
        registered.add(new Registered(ProxyMode.normalize(backendMode), backend));
    }

    /**
     * Forgets {@code backend}. The future is done at the end of the next {@link #pass} that leaves it
     * inactive (switching away from it and cleaning it up if it was active), or at {@link #stop}. Even
     * an inactive backend waits for that pass: one under way may be activating it right now.
     */
    CompletableFuture<Void> remove(ProxyBackend backend) {
        registered.removeIf(r -> r.backend() == backend);
        synchronized (leaving) {
            return leaving.computeIfAbsent(backend, b -> new CompletableFuture<>());
        }
    }

    /** The configured mode; takes effect at the next pass. */
    void mode(String newMode) {
        this.mode = ProxyMode.normalize(newMode);
    }

    /**
     * Computes the desired state and applies it to the backend the mode chooses.
     *
     * @param full whether to {@code sync} the whole state even when nothing changed
     * @return false when a backend failed (the caller retries after a back-off)
     */
    boolean pass(boolean full) {
        String currentMode = mode;
        Choice choice = ProxyMode.choose(currentMode, List.copyOf(registered));
        Registered current = active;
        boolean currentRegistered = current != null && registered.contains(current);
        Registered target = choice.chosen() != null ? choice.chosen() : currentRegistered ? current : null;
        noteChoice(choice, current, currentRegistered);
        Registered calling = target;
        try {
            ProxyState state = desired.get();
            if (target == null) {
                if (current != null) {
                    LOG.info("Proxy backend {} stopped: {}", current.mode(), choice.reason());
                    leave(current);
                }
            } else if (current == null || target.backend() != current.backend()) {
                target.backend().sync(state);
                active = target;
                applied = state;
                if (current == null) {
                    LOG.info("Proxy backend {} active: {}", target.mode(), choice.reason());
                } else {
                    LOG.info("Proxy backend switched from {} to {}: {}{}", current.mode(), target.mode(), choice.reason(),
                            currentRegistered ? "" : " (" + current.mode() + " went away)");
                    leave(current);
                }
            } else if (full || applied == null || !applied.nodeAddresses().equals(state.nodeAddresses())) {
                target.backend().sync(state);
                applied = state;
            } else {
                Set<String> changed = changedKeys(applied, state);
                if (!changed.isEmpty()) {
                    target.backend().update(state, changed);
                }
                applied = state;
            }
            recovered(target);
            return true;
        } catch (ProxyException | RuntimeException e) {
            failed(calling, current, e);
            return false;
        } finally {
            completeLeaving();
        }
    }

    /** Cleans up the active backend (the component stops); afterwards no backend is active. */
    void stop() {
        Registered current = active;
        if (current != null) {
            leave(current);
        }
        completeLeaving();
    }

    /** The keys of service ports added, removed or changed from {@code before} to {@code after}, sorted. */
    static Set<String> changedKeys(ProxyState before, ProxyState after) {
        Map<String, ServicePort> a = before.byKey();
        Map<String, ServicePort> b = after.byKey();
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        keys.removeIf(k -> Objects.equals(a.get(k), b.get(k)));
        return keys;
    }

    /** What the console shows: configuration, choice, failures and every backend. */
    record Status(String mode, String activeMode, ProxyBackend activeBackend, String choice, String lastFailure,
            ProxyState applied, List<Registered> registered) {
    }

    Status status() {
        Registered now = active;
        return new Status(mode, now == null ? null : now.mode(), now == null ? null : now.backend(), lastChoice,
                lastFailure, applied, List.copyOf(registered));
    }

    private void leave(Registered backend) {
        if (active == backend) {
            active = null;
            applied = null;
        }
        try {
            backend.backend().cleanUp();
        } catch (RuntimeException e) {
            LOG.warn("Proxy backend {} failed to clean up: {}", backend.mode(), e.toString());
        }
    }

    private void completeLeaving() {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        synchronized (leaving) {
            Registered now = active;
            leaving.entrySet().removeIf(e -> {
                boolean gone = now == null || now.backend() != e.getKey();
                if (gone) {
                    done.add(e.getValue());
                }
                return gone;
            });
        }
        done.forEach(f -> f.complete(null));
    }

    private void noteChoice(Choice choice, Registered current, boolean currentRegistered) {
        if (!choice.reason().equals(lastChoice)) {
            lastChoice = choice.reason();
            if (choice.chosen() == null) {
                LOG.warn("Proxy: {}{}", choice.reason(), currentRegistered
                        ? "; " + current.mode() + " stays active" : "; nothing is proxied");
            }
        }
    }

    private void failed(Registered calling, Registered current, Exception e) {
        String message = (calling == null ? "proxy" : calling.mode()) + ": " + e.getMessage();
        if (calling != null && current == null) {
            active = calling; // nothing else serves: it is the backend now, whatever it made; the retry syncs all
            applied = null;
            LOG.info("Proxy backend {} active (its first sync failed): {}", calling.mode(), lastChoice);
        } else if (calling != null && calling == current) {
            applied = null; // its rules are unknown now: the retry syncs everything
        } else if (calling != null) {
            // a switch failed: remove what the new backend half-made; the old one stays active
            try {
                calling.backend().cleanUp();
            } catch (RuntimeException cleanUpFailure) {
                LOG.debug("Proxy backend {} failed to clean up after a failed sync", calling.mode(), cleanUpFailure);
            }
        }
        if (!message.equals(lastFailure)) {
            LOG.warn("Proxy backend {} failed, retrying with back-off: {}", calling == null ? "-" : calling.mode(),
                    e.toString(), e instanceof RuntimeException ? e : null);
        } else {
            LOG.debug("Proxy backend failed again: {}", message);
        }
        lastFailure = message;
    }

    private void recovered(Registered target) {
        if (lastFailure != null) {
            LOG.info("Proxy backend {} recovered", target == null ? "-" : target.mode());
            lastFailure = null;
        }
    }
}

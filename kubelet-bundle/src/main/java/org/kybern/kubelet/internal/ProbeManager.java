package org.kybern.kubelet.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The probe workers of the running containers: one per container and probe kind, probing every
 * {@code periodSeconds} after {@code initialDelaySeconds}. A result that flips requeues the pod.
 * Liveness and readiness wait until the startup probe, if any, has succeeded.
 */
final class ProbeManager {

    enum Kind { STARTUP, LIVENESS, READINESS }

    private record Key(String containerId, Kind kind) {
    }

    private static final Map<Kind, String> PROBE_NAMES = Map.of(Kind.STARTUP, "Startup", Kind.LIVENESS, "Liveness",
            Kind.READINESS, "Readiness");

    private final class Worker {
        final ProbeState state;
        ScheduledFuture<?> future;

        Worker(ProbeState state) {
            this.state = state;
        }
    }

    private final ScheduledExecutorService scheduler;
    private final Prober prober;
    private final Consumer<String> requeue;
    private final PodEvents events;
    private final Map<Key, Worker> workers = new HashMap<>();

    ProbeManager(ScheduledExecutorService scheduler, Prober prober, Consumer<String> requeue, PodEvents events) {
        this.scheduler = scheduler;
        this.prober = prober;
        this.requeue = requeue;
        this.events = events;
    }

    /** Starts the workers of a running container that are missing. */
    synchronized void ensure(String podKey, Pod pod, Container container, String containerId, String podIP) {
        start(podKey, pod, container, containerId, podIP, Kind.STARTUP, container.getStartupProbe(), false);
        start(podKey, pod, container, containerId, podIP, Kind.LIVENESS, container.getLivenessProbe(), true);
        start(podKey, pod, container, containerId, podIP, Kind.READINESS, container.getReadinessProbe(), false);
    }

    /** Stops the workers of containers not in {@code running}. */
    synchronized void retain(Set<String> running) {
        workers.entrySet().removeIf(e -> {
            if (running.contains(e.getKey().containerId())) {
                return false;
            }
            e.getValue().future.cancel(false);
            return true;
        });
    }

    /** The result of a container's probe: {@code defaultValue} when it has no such probe (or none ran yet). */
    synchronized boolean result(String containerId, Kind kind, boolean defaultValue) {
        Worker w = workers.get(new Key(containerId, kind));
        return w == null ? defaultValue : w.state.success();
    }

    /** Whether the container's startup probe failed {@code failureThreshold} times: Kubernetes kills it. */
    synchronized boolean startupFailed(String containerId) {
        Worker w = workers.get(new Key(containerId, Kind.STARTUP));
        return w != null && w.state.exhausted();
    }

    synchronized void stopAll() {
        workers.values().forEach(w -> w.future.cancel(false));
        workers.clear();
    }

    private void start(String podKey, Pod pod, Container container, String containerId, String podIP, Kind kind,
            Probe probe, boolean initial) {
        Key key = new Key(containerId, kind);
        if (probe == null || workers.containsKey(key)) {
            return;
        }
        Worker worker = new Worker(new ProbeState(kind == Kind.READINESS ? Prober.value(probe.getSuccessThreshold(), 1) : 1,
                Prober.value(probe.getFailureThreshold(), 3), initial));
        long period = Prober.value(probe.getPeriodSeconds(), 10);
        long delay = probe.getInitialDelaySeconds() == null ? 0 : Math.max(0, probe.getInitialDelaySeconds());
        worker.future = scheduler.scheduleWithFixedDelay(() -> {
            if (kind != Kind.STARTUP && !result(containerId, Kind.STARTUP, true)) {
                return; // liveness and readiness start once the container has started
            }
            if (kind == Kind.STARTUP && worker.state.success()) {
                return; // a startup probe stops once it succeeded
            }
            boolean ok = prober.probe(probe, container, containerId, podIP);
            if (!ok) {
                events.warning(pod, container.getName(), "Unhealthy", PROBE_NAMES.get(kind) + " probe failed");
            }
            if (worker.state.record(ok) || kind == Kind.STARTUP && worker.state.exhausted()) {
                requeue.accept(podKey);
            }
        }, delay * 1000, period * 1000, TimeUnit.MILLISECONDS);
        workers.put(key, worker);
    }
}

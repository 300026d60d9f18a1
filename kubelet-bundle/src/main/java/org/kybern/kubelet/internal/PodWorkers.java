package org.kybern.kubelet.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kybern.api.runtime.ContainerStatus;
import org.kybern.api.runtime.PodSandboxStatus;
import org.kybern.api.runtime.RuntimeLabels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.kybern.client.WorkQueue;

/**
 * The pods bound to this node, kept converged: an informer (field selector
 * {@code spec.nodeName=<node>}) and a relist of the runtime every second (Kubernetes' PLEG) feed
 * one work queue of {@code namespace/name} keys; workers run {@link PodSyncer#sync} per key.
 */
final class PodWorkers {

    private static final Logger LOG = LoggerFactory.getLogger(PodWorkers.class);
    /**
     * Pods synced at once: as many as the runtime's default sandbox pool serves, since Docker starts
     * containers joining pool sandboxes well in parallel (Kubernetes' kubelet syncs every pod on its
     * own goroutine).
     */
    static final int WORKERS = 10;
    private static final long RESYNC_MILLIS = 60_000;

    private final NodeContext node;
    private final WorkQueue queue;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final PodSyncer syncer;
    private final ProbeManager probes;
    private SharedIndexInformer<Pod> informer;
    private Map<String, Set<String>> lastRelist = new HashMap<>();
    private volatile boolean stopped;

    PodWorkers(NodeContext node, ScheduledExecutorService scheduler, ExecutorService workers, ExecutorService stoppers) {
        this.node = node;
        this.scheduler = scheduler;
        this.queue = new WorkQueue(scheduler);
        this.workers = workers;
        this.probes = new ProbeManager(scheduler, new Prober(node.runtime()), queue::add, node.events());
        this.syncer = new PodSyncer(node, probes, stoppers, this::addAfter);
    }

    /** Starts the informer, waits for its first list, then the workers and the relist. */
    void start() {
        informer = node.client().pods().inAnyNamespace().withField("spec.nodeName", node.nodeName())
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        queue.add(key(pod));
                    }

                    @Override
                    public void onUpdate(Pod old, Pod pod) {
                        queue.add(key(pod));
                    }

                    @Override
                    public void onDelete(Pod pod, boolean finalStateUnknown) {
                        queue.add(key(pod));
                    }
                }, RESYNC_MILLIS);
        // Only with the whole list known may a runtime container without a pod be called an orphan.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!informer.hasSynced() && System.nanoTime() < deadline && !stopped) {
            try {
                Thread.sleep(50); // polling the informer's own flag; it offers no callback
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!informer.hasSynced()) {
            throw new IllegalStateException("the pods of node " + node.nodeName() + " could not be listed within 60 s");
        }
        for (int i = 0; i < WORKERS; i++) {
            workers.execute(this::work);
        }
        scheduler.scheduleWithFixedDelay(this::relist, 0, 1, TimeUnit.SECONDS);
        LOG.info("Kubelet {}: {} pods bound to this node", node.nodeName(), informer.getStore().list().size());
    }

    void stop() {
        stopped = true;
        queue.shutDown();
        if (informer != null) {
            informer.stop();
        }
        probes.stopAll();
    }

    Map<String, String> nodeSelector() {
        return node.nodeSelector();
    }

    private void addAfter(String key, Duration delay) {
        if (stopped) {
            return;
        }
        queue.addAfter(key, delay);
    }

    private void work() {
        while (!stopped) {
            String key;
            try {
                key = queue.take(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (key == null) {
                continue;
            }
            try {
                syncer.sync(key, informer.getStore().getByKey(key));
            } catch (RuntimeException e) {
                if (!stopped) {
                    LOG.warn("Pod {}: sync failed, trying again in 5 s: {}", key, e.toString());
                    addAfter(key, Duration.ofSeconds(5));
                }
            } finally {
                queue.done(key);
            }
        }
    }

    /**
     * Kubernetes' PLEG: what the runtime shows for this node, compared with the last look; every
     * pod whose containers or sandboxes changed (a container exited, was killed from outside, a
     * sandbox died) is synced again. Runtime objects of pods the informer does not know are
     * queued too, so their sync removes them.
     */
    private void relist() {
        try {
            Map<String, Set<String>> now = new HashMap<>();
            Set<String> running = new HashSet<>();
            for (ContainerStatus c : node.runtime().listContainers(node.nodeSelector())) {
                now.computeIfAbsent(key(c.labels()), k -> new TreeSet<>()).add(c.id() + ":" + c.state());
                if (c.state() == ContainerStatus.State.RUNNING) {
                    running.add(c.id());
                }
            }
            for (PodSandboxStatus s : node.runtime().listPodSandboxes(node.nodeSelector())) {
                now.computeIfAbsent(key(s.labels()), k -> new TreeSet<>()).add(s.id() + ":" + s.state());
            }
            probes.retain(running);
            Set<String> keys = new HashSet<>(now.keySet());
            keys.addAll(lastRelist.keySet());
            for (String key : keys) {
                if (!now.getOrDefault(key, Set.of()).equals(lastRelist.getOrDefault(key, Set.of()))) {
                    queue.add(key);
                }
            }
            lastRelist = now;
        } catch (RuntimeException e) {
            LOG.warn("Kubelet {}: cannot list the runtime's containers: {}", node.nodeName(), e.toString());
        }
    }

    private static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static String key(Map<String, String> labels) {
        return labels.getOrDefault(RuntimeLabels.POD_NAMESPACE, "") + "/" + labels.getOrDefault(RuntimeLabels.POD_NAME, "");
    }
}

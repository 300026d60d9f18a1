package org.kybern.scheduler.internal;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.kybern.api.scheduler.PluginStatus;
import org.kybern.api.scheduler.ReservePlugin;
import org.kybern.client.EventRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running scheduler while this instance leads: informers on nodes and pods feed the snapshot and
 * the queue; one thread takes pods from the queue, runs the profile's plugins, assumes the pod on the
 * chosen node and hands the binding to the API server without waiting for it.
 */
final class Engine {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final KubernetesClient client;
    private final Profiles profiles;
    private final ClusterWriter writer;
    private final ExecutorService eventWriter;
    private final ExecutorService bindPlugins;
    private final Binder binder;
    private final Semaphore bindSlots;
    private final ClusterSnapshot snapshot = new ClusterSnapshot();
    private final SchedulingQueue queue = new SchedulingQueue(System::nanoTime);
    private final SchedulingAlgorithm algorithm = new SchedulingAlgorithm();
    private final Thread loop;
    private SharedIndexInformer<Node> nodeInformer;
    private SharedIndexInformer<Pod> podInformer;
    private volatile boolean running = true;

    Engine(KubernetesClient client, Profiles profiles, String component, int bindsInFlight) {
        this.client = client;
        this.profiles = profiles;
        this.eventWriter = Executors.newSingleThreadExecutor(daemon("kybern-scheduler-events"));
        this.writer = new ClusterWriter(client, new EventRecorder(client, component, null, eventWriter));
        this.bindPlugins = Executors.newCachedThreadPool(daemon("kybern-scheduler-bind"));
        this.binder = new Binder(writer::bind, bindPlugins);
        this.bindSlots = new Semaphore(bindsInFlight);
        this.loop = new Thread(this::run, "kybern-scheduler-loop");
        this.loop.setDaemon(true);
        // Every pod passes through this one thread; on a busy machine it waited for a CPU most of the
        // time while pods queued behind it. The JVM maps the priority to the OS thread's (nice -5)
        // when started with -XX:ThreadPriorityPolicy=1 as root, as bin/setenv does.
        this.loop.setPriority(Thread.MAX_PRIORITY);
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts the informers (waiting for their first lists) and the scheduling thread. */
    void start() {
        nodeInformer = client.nodes().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                snapshot.putNode(node);
                queue.moveAllToActiveOrBackoff();
            }

            @Override
            public void onUpdate(Node old, Node node) {
                snapshot.putNode(node);
                if (mayHelpUnschedulablePods(old, node)) {
                    queue.moveAllToActiveOrBackoff();
                }
            }

            @Override
            public void onDelete(Node node, boolean unknownFinalState) {
                snapshot.removeNode(node.getMetadata().getName());
            }
        }, 0);
        podInformer = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                observe(pod);
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                observe(pod);
            }

            @Override
            public void onDelete(Pod pod, boolean unknownFinalState) {
                String key = ClusterSnapshot.key(pod);
                queue.delete(key);
                if (snapshot.isPlaced(key)) {
                    snapshot.removePod(key);
                    queue.moveAllToActiveOrBackoff();
                }
            }
        }, 0);
        loop.start();
    }

    /** Stops the thread and the informers; bindings already sent still complete. */
    void stop() {
        running = false;
        queue.close();
        loop.interrupt();
        if (nodeInformer != null) {
            nodeInformer.stop();
        }
        if (podInformer != null) {
            podInformer.stop();
        }
        try {
            loop.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        eventWriter.shutdown();
        bindPlugins.shutdown();
    }

    /** Pods waiting for a node (all queues). */
    int pending() {
        return queue.size();
    }

    /** The profiles changed (a plugin came or went, the configuration changed): waiting pods try again. */
    void profilesChanged() {
        queue.moveAllToActiveOrBackoff();
    }

    private void observe(Pod pod) {
        snapshot.putPod(pod);
        String key = ClusterSnapshot.key(pod);
        if (waitsForThisScheduler(pod)) {
            queue.add(pod);
        } else {
            queue.delete(key);
        }
    }

    /** Unbound, not being deleted, not finished, and naming one of our profiles (others' pods are left alone). */
    private boolean waitsForThisScheduler(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return (node == null || node.isEmpty()) && pod.getMetadata().getDeletionTimestamp() == null
                && !"Succeeded".equals(phase) && !"Failed".equals(phase)
                && (pod.getSpec().getSchedulingGates() == null || pod.getSpec().getSchedulingGates().isEmpty())
                && profiles.forScheduler(pod.getSpec().getSchedulerName()) != null;
    }

    private void run() {
        while (running) {
            try {
                SchedulingQueue.Entry entry = queue.take(Duration.ofSeconds(1));
                if (entry != null) {
                    scheduleOne(entry);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("Scheduler: a scheduling cycle failed", e);
            }
        }
    }

    private void scheduleOne(SchedulingQueue.Entry entry) throws InterruptedException {
        Pod pod = entry.pod;
        Profile profile = profiles.forScheduler(pod.getSpec().getSchedulerName());
        if (profile == null || snapshot.isPlaced(entry.key)) {
            queue.done(entry);
            return;
        }
        if (!profile.ready()) {
            LOG.debug("Profile {} waits for plugins {}; pod {} waits with it", profile.name(), profile.missing(), entry.key);
            queue.unschedulable(entry);
            return;
        }
        Cycle cycle = snapshot.cycle();
        SchedulingAlgorithm.Decision decision = algorithm.schedule(profile, pod, cycle.allNodes(), cycle);
        if (!decision.scheduled()) {
            if (decision.code() == PluginStatus.Code.ERROR) {
                LOG.warn("Scheduler: pod {}: {}", entry.key, decision.failure());
                queue.retry(entry);
            } else {
                queue.unschedulable(entry);
            }
            report(pod, decision.failure());
            return;
        }
        String node = decision.node();
        for (ReservePlugin reserve : profile.reserves()) {
            PluginStatus status = reserve.reserve(cycle, pod, node);
            if (!status.isSuccess()) {
                profile.reserves().forEach(r -> r.unreserve(cycle, pod, node));
                queue.retry(entry);
                report(pod, "running Reserve plugin " + reserve.name() + ": " + status.reason());
                return;
            }
        }
        snapshot.assume(pod, node);
        // The pod stays in flight until its binding is answered: a failed one is retried after a back-off.
        bindSlots.acquire();
        binder.bind(profile, cycle, pod, node).whenComplete((outcome, error) -> {
            bindSlots.release();
            if (error == null && outcome.ok()) {
                queue.done(entry);
                return;
            }
            String why = error != null ? error.toString() : outcome.code() + " " + outcome.message();
            LOG.info("Scheduler: binding pod {} to node {} failed: {}", entry.key, node, why);
            profile.reserves().forEach(r -> r.unreserve(cycle, pod, node));
            snapshot.forget(pod);
            queue.moveAllToActiveOrBackoff();
            if (error == null && (outcome.code() == 404 || outcome.code() == 409)) {
                queue.done(entry); // gone, or bound by someone else: the informer reports what became of it
            } else {
                queue.retry(entry);
            }
        });
    }

    private void report(Pod pod, String message) {
        writer.unschedulable(pod, message).whenComplete((outcome, error) -> {
            if (error != null || !outcome.ok()) {
                LOG.debug("Scheduler: could not report pod {} unschedulable: {}", ClusterSnapshot.key(pod),
                        error != null ? error : outcome.message());
            }
        });
    }

    /** Kubernetes' check for node updates worth retrying for: spec (schedulability, taints), labels, allocatable. */
    static boolean mayHelpUnschedulablePods(Node old, Node node) {
        return !Objects.equals(old.getSpec(), node.getSpec())
                || !Objects.equals(old.getMetadata().getLabels(), node.getMetadata().getLabels())
                || old.getStatus() == null || node.getStatus() == null
                || !Objects.equals(old.getStatus().getAllocatable(), node.getStatus().getAllocatable());
    }
}

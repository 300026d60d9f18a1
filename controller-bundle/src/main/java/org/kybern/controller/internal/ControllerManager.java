package org.kybern.controller.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.kybern.client.ClusterClients;
import org.kybern.client.LeaderElection;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.kybern.client.WorkQueue;

/**
 * The controller manager (configuration {@code org.kybern.controller}): takes the Lease
 * {@code kube-system/kube-controller-manager} (unless leader election is off), and while it leads
 * runs every controller over shared informers, each with its own work queue and worker threads.
 */
@Component(configurationPid = ControllerManager.PID, immediate = true, service = ControllerManager.class)
@Designate(ocd = ControllerManagerConfig.class)
public final class ControllerManager {

    static final String PID = "org.kybern.controller";
    static final String LEASE_NAMESPACE = "kube-system";
    static final String LEASE_NAME = "kube-controller-manager";
    private static final Logger LOG = LoggerFactory.getLogger(ControllerManager.class);
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);
    /** Threads for one reconcile's concurrent writes: slow-start batches beyond this wait for a thread. */
    private static final int WRITE_THREADS = 16;

    private final ControllerManagerConfig config;
    private final String identity;
    private final LeaderElection election;
    private volatile Running running;

    @Activate
    public ControllerManager(@Reference ClusterClients clients, ControllerManagerConfig config) {
        this.config = config;
        this.identity = LeaderElection.identity(config.identity(), "kybern-controller-manager");
        this.election = new LeaderElection(() -> clients.forUser(config.user()),
                new LeaderElection.Settings(config.leaderElect(), LEASE_NAMESPACE, LEASE_NAME, identity,
                        Duration.ofSeconds(config.leaseDurationSeconds()), Duration.ofSeconds(config.renewDeadlineSeconds()),
                        Duration.ofSeconds(config.retryPeriodSeconds())), this::start, this::stop);
    }

    @Deactivate
    void deactivate() {
        election.close();
        stop();
        LOG.info("Controller manager {} stopped", identity);
    }

    /** {@code connecting}, {@code standing by}, {@code leading} or {@code stopped}. */
    public String state() {
        return election.state();
    }

    public String identity() {
        return identity;
    }

    /** The controllers running now (none unless leading), with the length of each one's queue. */
    public List<String> controllers() {
        Running now = running;
        List<String> lines = new ArrayList<>();
        if (now != null) {
            now.controllers.forEach(c -> lines.add(c.name() + " (" + c.queue().length() + " queued)"));
        }
        return lines;
    }

    private void start(KubernetesClient client) {
        if (running != null) {
            return;
        }
        Running starting = new Running(client, config);
        try {
            starting.start();
            running = starting;
            LOG.info("Controller manager {} runs {} controllers", identity, starting.controllers.size());
        } catch (Exception e) {
            LOG.warn("Controller manager could not start its controllers: {}", e.toString());
            starting.stop();
        }
    }

    private void stop() {
        Running now = running;
        running = null;
        if (now != null) {
            now.stop();
        }
    }

    /** The controllers, their informers and threads while this instance leads. */
    private static final class Running {
        private final Informers informers;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                daemon("kybern-controllers-timer"));
        private final ExecutorService eventWriter = Executors.newSingleThreadExecutor(daemon("kybern-controllers-events"));
        /** Concurrent API writes of one reconcile (slow-start batches of pods). */
        private final ExecutorService writes = Executors.newFixedThreadPool(WRITE_THREADS,
                daemon("kybern-controllers-writes"));
        private final List<Controller> controllers;
        private final List<Thread> workers = new ArrayList<>();
        private volatile boolean stopped;

        Running(KubernetesClient client, ControllerManagerConfig config) {
            this.informers = new Informers(client);
            ControllerContext context = new ControllerContext(client, informers, timer, eventWriter, writes, config,
                    Clock.systemUTC());
            this.controllers = List.of(new ReplicaSetController(context), new DeploymentController(context),
                    new GarbageCollector(context), new NamespaceController(context), new ServiceAccountController(context),
                    new NodeLifecycleController(context), new TaintEvictionController(context),
                    new EndpointsController(context), new EndpointSliceController(context));
        }

        void start() throws Exception {
            informers.start(SYNC_TIMEOUT);
            for (Controller controller : controllers) {
                for (int i = 0; i < controller.workers(); i++) {
                    Thread worker = daemon("kybern-" + controller.name() + "-" + i).newThread(() -> work(controller));
                    workers.add(worker);
                    worker.start();
                }
            }
        }

        private void work(Controller controller) {
            WorkQueue queue = controller.queue();
            while (!stopped) {
                String key;
                try {
                    key = queue.take(Duration.ofSeconds(1));
                } catch (InterruptedException e) {
                    return;
                }
                if (key == null) {
                    continue;
                }
                try {
                    controller.reconcile(key);
                    queue.forget(key);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    if (!stopped) {
                        LOG.info("{}: {} failed, retried after a back-off: {}", controller.name(), key, e.toString());
                        queue.addRateLimited(key);
                    }
                } finally {
                    queue.done(key);
                }
            }
        }

        void stop() {
            stopped = true;
            controllers.forEach(c -> c.queue().shutDown());
            workers.forEach(Thread::interrupt);
            for (Thread worker : workers) {
                try {
                    worker.join(TimeUnit.SECONDS.toMillis(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            informers.stop();
            timer.shutdownNow();
            writes.shutdown();
            eventWriter.shutdown();
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

}

package org.kybern.scheduler.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kybern.api.scheduler.BindPlugin;
import org.kybern.api.scheduler.FilterPlugin;
import org.kybern.api.scheduler.PreFilterPlugin;
import org.kybern.api.scheduler.ReservePlugin;
import org.kybern.api.scheduler.SchedulerPlugin;
import org.kybern.api.scheduler.ScorePlugin;
import org.kybern.client.ClusterClients;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler (configuration {@code org.kybern.scheduler}): takes the Lease (unless leader election
 * is off), then runs the {@link Engine} while it leads. Plugins come and go as services at any time;
 * profiles change with the configuration, without a restart.
 */
@Component(configurationPid = Scheduler.PID, immediate = true, service = SchedulerView.class)
@Designate(ocd = SchedulerConfig.class)
public final class Scheduler implements SchedulerView {

    static final String PID = "org.kybern.scheduler";
    static final String LEASE_NAMESPACE = "kube-system";
    static final String LEASE_NAME = "kube-scheduler";
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final long CONNECT_RETRY_SECONDS = 2;

    private final Profiles profiles = new Profiles();
    private final ClusterClients clients;
    private final ScheduledExecutorService timer;
    private final SchedulerConfig config;
    private final String identity;
    private volatile KubernetesClient client;
    private volatile Leadership leadership;
    private volatile Engine engine;
    private volatile boolean stopped;

    @Activate
    public Scheduler(@Reference ClusterClients clients, SchedulerConfig config, Map<String, Object> properties) {
        this.clients = clients;
        this.config = config;
        this.identity = config.identity().isBlank() ? hostName() + "_" + UUID.randomUUID() : config.identity();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kybern-scheduler-lease");
            t.setDaemon(true);
            return t;
        });
        configure(properties);
        timer.execute(this::connect);
    }

    @Modified
    void configure(Map<String, Object> properties) {
        try {
            profiles.configure(ProfileSettings.of(properties));
            LOG.info("Scheduler profiles: {}", profiles.all().keySet());
        } catch (IllegalArgumentException e) {
            LOG.error("Scheduler configuration {} refused, profiles unchanged: {}", PID, e.getMessage());
        }
        Engine running = engine;
        if (running != null) {
            running.profilesChanged();
        }
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        try {
            timer.submit(() -> {
                Leadership current = leadership;
                if (current != null) {
                    current.release();
                } else {
                    stopEngine();
                }
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.info("Scheduler: stopping took too long ({}); stopping anyway", e.toString());
            stopEngine();
        }
        timer.shutdownNow();
        client = null;
        leadership = null;
        LOG.info("Scheduler {} stopped; pods wait Pending until a scheduler runs", identity);
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public String state() {
        if (stopped) {
            return "stopped";
        }
        if (engine != null) {
            return "leading";
        }
        return client == null ? "connecting" : "standing by";
    }

    @Override
    public int pending() {
        Engine running = engine;
        return running == null ? 0 : running.pending();
    }

    @Override
    public Map<String, Profile> profiles() {
        return profiles.all();
    }

    /** Connects (retrying while the API server or the scheduler's token is not there), then leads or stands by. */
    private void connect() {
        if (stopped) {
            return;
        }
        try {
            KubernetesClient connected = clients.forUser(config.user());
            connected.namespaces().withName(LEASE_NAMESPACE).get();
            client = connected;
        } catch (RuntimeException e) {
            LOG.info("Scheduler cannot reach the API server yet, trying again in {} s: {}", CONNECT_RETRY_SECONDS,
                    e.getMessage());
            timer.schedule(this::connect, CONNECT_RETRY_SECONDS, TimeUnit.SECONDS);
            return;
        }
        Leadership.Listener listener = new Leadership.Listener() {
            @Override
            public void startedLeading() {
                startEngine();
            }

            @Override
            public void stoppedLeading() {
                stopEngine();
            }
        };
        if (!config.leaderElect()) {
            LOG.info("Scheduler {}: leader election is off; scheduling", identity);
            startEngine();
            return;
        }
        leadership = new Leadership(client, LEASE_NAMESPACE, LEASE_NAME, identity,
                new Leadership.Timing(Duration.ofSeconds(config.leaseDurationSeconds()),
                        Duration.ofSeconds(config.renewDeadlineSeconds())), listener, System::nanoTime);
        LOG.info("Scheduler {} is a candidate for Lease {}/{}", identity, LEASE_NAMESPACE, LEASE_NAME);
        timer.scheduleWithFixedDelay(this::tick, 0, config.retryPeriodSeconds(), TimeUnit.SECONDS);
    }

    private void tick() {
        Leadership current = leadership;
        if (current != null && !stopped) {
            current.tick();
        }
    }

    private void startEngine() {
        if (stopped || engine != null) {
            return;
        }
        Engine starting = new Engine(client, profiles, SchedulerPlugin.DEFAULT_PROFILE, config.bindsInFlight());
        try {
            starting.start();
            engine = starting;
        } catch (RuntimeException e) {
            LOG.warn("Scheduler could not start its informers: {}", e.getMessage());
            starting.stop();
        }
    }

    private void stopEngine() {
        Engine running = engine;
        engine = null;
        if (running != null) {
            running.stop();
        }
    }

    // Plugins: dynamic and greedy, so a plugin bundle installed later (bin-packing) joins without a restart.

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPreFilter(PreFilterPlugin plugin, Map<String, Object> properties) {
        added(plugin, properties);
    }

    void removePreFilter(PreFilterPlugin plugin) {
        removed(plugin);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addFilter(FilterPlugin plugin, Map<String, Object> properties) {
        added(plugin, properties);
    }

    void removeFilter(FilterPlugin plugin) {
        removed(plugin);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addScore(ScorePlugin plugin, Map<String, Object> properties) {
        added(plugin, properties);
    }

    void removeScore(ScorePlugin plugin) {
        removed(plugin);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addReserve(ReservePlugin plugin, Map<String, Object> properties) {
        added(plugin, properties);
    }

    void removeReserve(ReservePlugin plugin) {
        removed(plugin);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addBind(BindPlugin plugin, Map<String, Object> properties) {
        added(plugin, properties);
    }

    void removeBind(BindPlugin plugin) {
        removed(plugin);
    }

    private void added(SchedulerPlugin plugin, Map<String, Object> properties) {
        profiles.add(plugin, properties);
        Engine running = engine;
        if (running != null) {
            running.profilesChanged();
        }
    }

    private void removed(SchedulerPlugin plugin) {
        profiles.remove(plugin);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "kybern-scheduler";
        }
    }
}

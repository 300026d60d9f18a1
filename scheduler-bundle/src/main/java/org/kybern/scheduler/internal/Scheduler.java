package org.kybern.scheduler.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.kybern.api.scheduler.BindPlugin;
import org.kybern.api.scheduler.FilterPlugin;
import org.kybern.api.scheduler.PreFilterPlugin;
import org.kybern.api.scheduler.PreScorePlugin;
import org.kybern.api.scheduler.ReservePlugin;
import org.kybern.api.scheduler.SchedulerPlugin;
import org.kybern.api.scheduler.ScorePlugin;
import org.kybern.client.ClusterClients;
import org.kybern.client.LeaderElection;
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

    private final Profiles profiles = new Profiles();
    private final SchedulerConfig config;
    private final String identity;
    private final LeaderElection election;
    private volatile Engine engine;

    @Activate
    public Scheduler(@Reference ClusterClients clients, SchedulerConfig config, Map<String, Object> properties) {
        this.config = config;
        this.identity = LeaderElection.identity(config.identity(), "kybern-scheduler");
        configure(properties);
        this.election = new LeaderElection(() -> clients.forUser(config.user()),
                new LeaderElection.Settings(config.leaderElect(), LEASE_NAMESPACE, LEASE_NAME, identity,
                        Duration.ofSeconds(config.leaseDurationSeconds()), Duration.ofSeconds(config.renewDeadlineSeconds()),
                        Duration.ofSeconds(config.retryPeriodSeconds())), this::startEngine, this::stopEngine);
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
        election.close();
        stopEngine();
        LOG.info("Scheduler {} stopped; pods wait Pending until a scheduler runs", identity);
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public String state() {
        return election.state();
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

    private void startEngine(KubernetesClient client) {
        if (engine != null) {
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
    void addPreScore(PreScorePlugin plugin, Map<String, Object> properties) {
        added(plugin, properties);
    }

    void removePreScore(PreScorePlugin plugin) {
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

}

package org.kybern.proxy.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kybern.api.proxy.ProxyBackend;
import org.kybern.api.proxy.ProxyState;
import org.kybern.client.ClusterClients;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
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
 * The service proxy core, Kubernetes' kube-proxy: watches Services, EndpointSlices and this node,
 * and keeps the one active {@link ProxyBackend} (chosen by the configured mode among the registered
 * ones) programmed with every service port and its ready endpoints. A mode change switches backends
 * live, without restarting the watches.
 */
@Component(configurationPid = ServiceProxy.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = ServiceProxy.class)
@Designate(ocd = ProxyConfig.class)
public final class ServiceProxy {

    /** The configuration's PID. */
    public static final String PID = "org.kybern.proxy";
    private static final Logger LOG = LoggerFactory.getLogger(ServiceProxy.class);
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);
    private static final long RETRY_SECONDS = 2;
    private static final long LEAVE_SECONDS = 15;

    private final ClusterClients clients;
    private final BackendSwitch backends;
    private final ProxySync sync;
    private final ScheduledExecutorService watcher;
    private volatile ProxyConfig config;
    private volatile String nodeName;
    private volatile ClusterWatch watch;
    private volatile String watchedNode;
    private volatile String connectProblem;
    private volatile boolean stopped;
    /** The pending retry of {@link #watch}; only touched on the watch thread. */
    private ScheduledFuture<?> retry;

    @Activate
    public ServiceProxy(@Reference ClusterClients clients, ProxyConfig config) {
        this.clients = clients;
        this.config = config;
        this.nodeName = NodeName.of(config.nodeName());
        this.backends = new BackendSwitch(() -> watch.state(), config.mode());
        this.sync = new ProxySync(backends, ProxySync.Timing.of(config.resyncSeconds()), "kybern-proxy-sync");
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kybern-proxy-watch");
            t.setDaemon(true);
            return t;
        });
        watcher.execute(this::watch);
    }

    @Reference(service = ProxyBackend.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeBackend")
    void addBackend(ProxyBackend backend, Map<String, Object> properties) {
        Object mode = properties.get(ProxyBackend.MODE);
        if (mode == null) {
            LOG.warn("Proxy backend {} has no {} property: ignored", backend.getClass().getName(), ProxyBackend.MODE);
            return;
        }
        backends.add(mode.toString(), backend);
        sync.selectionChanged();
    }

    /** A backend goes away: if active, waits (bounded) until another one is synced and it is cleaned up. */
    void removeBackend(ProxyBackend backend, Map<String, Object> properties) {
        CompletableFuture<Void> gone = backends.remove(backend);
        sync.selectionChanged();
        if (!sync.started()) {
            return;
        }
        try {
            gone.get(LEAVE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Proxy backend {} went away but the switch away from it did not finish within {} s",
                    properties.get(ProxyBackend.MODE), LEAVE_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("Proxy backend {} went away: {}", properties.get(ProxyBackend.MODE), e.getCause().toString());
        }
    }

    /** A new configuration: mode and resync period apply at once; a new node name restarts only the Node watch. */
    @Modified
    void modified(ProxyConfig newConfig) {
        ProxyConfig old = this.config;
        this.config = newConfig;
        if (!ProxyMode.normalize(old.mode()).equals(ProxyMode.normalize(newConfig.mode()))) {
            LOG.info("Proxy mode changed from {} to {}", ProxyMode.normalize(old.mode()), ProxyMode.normalize(newConfig.mode()));
            backends.mode(newConfig.mode());
            sync.selectionChanged();
        }
        if (old.resyncSeconds() != newConfig.resyncSeconds()) {
            sync.timing(ProxySync.Timing.of(newConfig.resyncSeconds()));
        }
        String newNode = NodeName.of(newConfig.nodeName());
        if (!newNode.equals(nodeName)) {
            nodeName = newNode;
            watcher.execute(this::watch);
        }
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        watcher.shutdownNow();
        try {
            watcher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ClusterWatch current = watch;
        if (current != null) {
            current.stop();
        }
        sync.close();
        LOG.info("Service proxy stopped");
    }

    /** The node this proxy serves. */
    public String nodeName() {
        return nodeName;
    }

    /** What {@code kybern:proxy} prints: modes, backends, and every service port with its endpoints. */
    public List<String> report() {
        ClusterWatch current = watch;
        ProxyState desired = current == null || !sync.started() ? null : current.state();
        return ProxyReport.lines(nodeName, backends.status(), desired, connectProblem);
    }

    /** The mode of the active backend, or null when none is active. */
    public String activeMode() {
        return backends.status().activeMode();
    }

    /** The mode of the backend that {@code mode} chooses among the registered ones now, or null when none fits. */
    public String choiceFor(String mode) {
        ProxyMode.Choice choice = ProxyMode.choose(mode, List.copyOf(backends.status().registered()));
        return choice.chosen() == null ? null : choice.chosen().mode();
    }

    /** The modes a configuration may name: auto and those of the registered backends. */
    public Set<String> modes() {
        Set<String> modes = new TreeSet<>(Set.of(ProxyMode.AUTO, ProxyMode.NFTABLES, ProxyMode.USERSPACE));
        backends.status().registered().forEach(r -> modes.add(r.mode()));
        return modes;
    }

    /**
     * Starts watching as the proxy's user (or again for a new node name), and starts syncing once the
     * caches are full: an empty first sync would drop every rule at a restart. Retries every
     * {@value #RETRY_SECONDS} s while the API server is not there. Runs on the watch thread.
     */
    private void watch() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        String node = nodeName;
        if (stopped || (watch != null && node.equals(watchedNode))) {
            return;
        }
        ClusterWatch next = null;
        try {
            KubernetesClient client = clients.forUser(ClusterClients.PROXY);
            next = new ClusterWatch(client, node, sync::markDirty);
            next.start(SYNC_TIMEOUT);
            ClusterWatch old = watch;
            watch = next;
            watchedNode = node;
            connectProblem = null;
            if (old != null) {
                old.stop();
                sync.markDirty();
            }
            sync.start();
            LOG.info("Service proxy for node {} watches Services and EndpointSlices", node);
        } catch (Exception e) {
            if (next != null) {
                next.stop();
            }
            if (e instanceof InterruptedException || stopped) {
                return;
            }
            String problem = e.toString();
            if (!problem.equals(connectProblem)) {
                LOG.info("Service proxy cannot watch the cluster yet, retrying every {} s: {}", RETRY_SECONDS, problem);
            }
            connectProblem = problem;
            retry = watcher.schedule(this::watch, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }
}

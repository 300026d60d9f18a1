package org.kybern.dns.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kybern.client.ClusterClients;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ResolverConfig;

/**
 * The cluster DNS (configuration {@code org.kybern.dns}): listens on UDP and TCP, answers the cluster
 * domain from the API's Services and EndpointSlices (informers of the service proxy's user, which may
 * read them), forwards other names upstream, and keeps the kube-dns Service and its EndpointSlice
 * pointing here.
 *
 * <p>It runs only when configured: it binds port 53 and changes the loopback device, which a Karaf
 * started for something else must not do unasked.
 */
@Component(configurationPid = DnsServer.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = DnsConfig.class)
public final class DnsServer {

    static final String PID = "org.kybern.dns";
    private static final Logger LOG = LoggerFactory.getLogger(DnsServer.class);
    private static final long RETRY_SECONDS = 2;
    private static final long RESYNC_SECONDS = 30;
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

    private final DnsSettings settings;
    private final ClusterClients clients;
    private final LoopbackAddress loopback;
    private final DnsListeners listeners;
    private final KubeDnsService kubeDns;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean syncQueued = new AtomicBoolean();
    private volatile KubernetesClient client;
    private volatile ClusterCache cache;
    private volatile boolean stopped;

    @Activate
    public DnsServer(DnsConfig config, @Reference ClusterClients clients) throws IOException {
        this.settings = DnsSettings.of(config, () -> ResolverConfig.getCurrentConfig().servers());
        this.clients = clients;
        this.kubeDns = new KubeDnsService(settings);
        this.loopback = new LoopbackAddress(settings.listen().getAddress(), LoopbackAddress.PROCESSES);
        if (settings.addListenAddress()) {
            loopback.add();
        }
        QueryHandler handler = new QueryHandler(new ClusterRecords(settings.zone(), settings.ttl()), () -> {
            ClusterCache current = cache;
            return current != null && current.synced() ? current : null;
        }, new Upstream(settings.upstream(), settings.upstreamTimeout()));
        try {
            this.listeners = new DnsListeners(settings.listen(), handler);
        } catch (IOException e) {
            loopback.remove();
            throw new UncheckedIOException("cluster DNS cannot listen on " + settings.listen(), e);
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "kybern-dns-sync");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.execute(this::start);
        LOG.info("Cluster DNS for {} listening on {} (upstream {})", settings.zone(), settings.listen(),
                settings.upstream());
    }

    /** Connects and starts the informers, trying again every {@value #RETRY_SECONDS} s until the API answers. */
    private void start() {
        if (stopped) {
            return;
        }
        ClusterCache starting = null;
        try {
            client = clients.forUser(ClusterClients.PROXY);
            starting = new ClusterCache(client, this::changed);
            starting.start(SYNC_TIMEOUT);
            cache = starting;
            scheduler.scheduleWithFixedDelay(this::sync, 0, RESYNC_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (starting != null) {
                starting.close();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!stopped) {
                LOG.warn("Cluster DNS cannot read the API yet, trying again in {} s: {}", RETRY_SECONDS, e.toString());
                scheduler.schedule(this::start, RETRY_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    /** A change of kube-dns's Service or of this server's slice: sync them soon (once for a burst). */
    private void changed(HasMetadata object) {
        boolean ours = KubeDnsService.NAMESPACE.equals(object.getMetadata().getNamespace())
                && (KubeDnsService.NAME.equals(object.getMetadata().getName())
                        || kubeDns.sliceName().equals(object.getMetadata().getName()));
        if (ours && !stopped && syncQueued.compareAndSet(false, true)) {
            scheduler.schedule(this::sync, 1, TimeUnit.SECONDS);
        }
    }

    private void sync() {
        syncQueued.set(false);
        if (stopped) {
            return;
        }
        try {
            kubeDns.ensure(client);
        } catch (RuntimeException e) {
            LOG.warn("Cluster DNS cannot sync Service {}/{}: {}", KubeDnsService.NAMESPACE, KubeDnsService.NAME,
                    e.toString());
        }
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ClusterCache current = cache;
        if (current != null) {
            try {
                kubeDns.removeSlice(client);
            } catch (RuntimeException e) {
                LOG.warn("Cluster DNS cannot remove its EndpointSlice: {}", e.toString());
            }
            current.close();
        }
        listeners.close();
        try {
            loopback.remove();
        } catch (IOException e) {
            LOG.warn("Cluster DNS: {}", e.getMessage());
        }
    }
}

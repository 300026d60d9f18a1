package org.kybern.kubelet.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.kybern.api.runtime.ContainerRuntime;
import org.kybern.client.ClusterClients;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kubelet, per factory configuration {@code org.kybern.kubelet~<name>}: its Node, Lease and
 * status heartbeat, the pods bound to the node, and the container log server.
 *
 * <p>Stopping it leaves the containers running: a kubelet that starts again re-adopts them by
 * their runtime labels.
 */
@Component(configurationPid = Kubelet.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = KubeletConfig.class, factory = true)
public final class Kubelet {

    static final String PID = "org.kybern.kubelet";
    private static final Logger LOG = LoggerFactory.getLogger(Kubelet.class);
    private static final long HEARTBEAT_SECONDS = 10;
    private static final long RETRY_SECONDS = 2;

    /** The runtime; the configuration's {@code runtime.target} chooses it. */
    private final ContainerRuntime runtime;

    private final KubeletSettings settings;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final ExecutorService stoppers;
    private final ExecutorService serverThreads;
    private final ExecutorService eventWriter;
    private final ContainerLogServer server;
    private final ClusterClients clients;
    private final String kubeletVersion;
    private final String fingerprint;
    /** Made by {@link #start}, which retries until the API server knows this node's user. */
    private volatile KubernetesClient client;
    private volatile String token;
    private volatile NodeRegistration registration;
    private volatile PodWorkers pods;
    private volatile boolean stopped;

    @Activate
    public Kubelet(BundleContext context, KubeletConfig config, @Reference ClusterClients clients,
            @Reference(name = "runtime", target = "(kybern.runtime=docker)") ContainerRuntime containerRuntime)
            throws IOException {
        this.runtime = containerRuntime;
        this.settings = KubeletSettings.of(config, context::getProperty);
        String node = settings.nodeName();
        this.clients = clients;
        Files.createDirectories(settings.dataDir().resolve("pods"));
        this.scheduler = Executors.newScheduledThreadPool(4, threads("kubelet-" + node + "-timer"));
        this.workers = Executors.newFixedThreadPool(PodWorkers.WORKERS, threads("kubelet-" + node + "-sync"));
        this.stoppers = Executors.newCachedThreadPool(threads("kubelet-" + node + "-stop"));
        this.serverThreads = Executors.newCachedThreadPool(threads("kubelet-" + node + "-server"));
        this.eventWriter = Executors.newSingleThreadExecutor(threads("kubelet-" + node + "-events"));
        ServingCertificate certificate;
        try {
            certificate = ServingCertificate.create(node, settings.address());
        } catch (java.security.GeneralSecurityException e) {
            shutDownThreads();
            throw new IllegalStateException("kubelet " + node + " cannot make its serving certificate", e);
        }
        try {
            this.server = new ContainerLogServer(new InetSocketAddress(settings.address(), settings.port()), runtime,
                    node, () -> {
                        PodWorkers current = pods;
                        return current == null ? null : current.nodeSelector();
                    }, () -> token, certificate, new ClientCertificates(settings.caFile()), serverThreads);
        } catch (IOException e) {
            shutDownThreads();
            throw new UncheckedIOException("kubelet " + node + " cannot listen on " + settings.address() + ":"
                    + settings.port() + " (another kubelet there? give each its own port)", e);
        }
        String version = context.getBundle().getHeaders().get("Kybern-Kubernetes-Version");
        this.kubeletVersion = version == null ? "v0.0.0" : version;
        try {
            this.fingerprint = certificate.fingerprint();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
        scheduler.execute(this::start);
    }

    /**
     * Connects as the node's user, registers the node and starts the pod workers, trying again every
     * {@value #RETRY_SECONDS} s while the API server is not there (or has not written the node's token yet:
     * at a cluster's first start the kubelet may come up before the API server made the token file).
     */
    private void start() {
        if (stopped) {
            return;
        }
        try {
            if (registration == null) {
                connect();
            }
            registration.register();
            NodeContext node = new NodeContext(settings.nodeName(), clusterId(), settings.address(), client, runtime,
                    settings.dataDir().resolve("pods"), settings.capacity(),
                    new PodEvents(client, settings.nodeName(), eventWriter), settings.dns());
            PodWorkers starting = new PodWorkers(node, scheduler, workers, stoppers);
            pods = starting;
            starting.start();
            scheduler.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
            LOG.info("Kubelet {} started: runtime {} {}, port {}", settings.nodeName(), runtime.name(),
                    runtime.version(), server.port());
        } catch (RuntimeException e) {
            if (stopped) {
                return;
            }
            LOG.warn("Kubelet {} cannot start yet, trying again in {} s: {}", settings.nodeName(), RETRY_SECONDS,
                    e.getMessage());
            PodWorkers failed = pods;
            if (failed != null) {
                failed.stop();
            }
            pods = null;
            scheduler.schedule(this::start, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void connect() {
        KubernetesClient connected = clients.forUser(settings.user());
        String own = connected.getConfiguration().getOauthToken();
        if (own == null || own.isEmpty()) {
            throw new IllegalStateException("user " + settings.user() + " has no token, so the API server could not "
                    + "be told apart from anyone else asking for logs");
        }
        client = connected;
        token = own;
        registration = new NodeRegistration(connected, runtime, new NodeRegistration.Spec(settings.nodeName(),
                settings.address(), server.port(), settings.labels(), settings.taints(), settings.capacity(),
                kubeletVersion, settings.dataDir().toFile(), fingerprint));
    }

    /**
     * The cluster's identity, Kubernetes' convention: the UID of the {@code kube-system} namespace.
     * It labels what this kubelet makes, so kubelets of two clusters on one host (sharing dockerd,
     * both named after the host) never take each other's containers for orphans.
     */
    private String clusterId() {
        var namespace = client.namespaces().withName("kube-system").get();
        if (namespace == null) {
            throw new IllegalStateException("the namespace kube-system does not exist (yet)");
        }
        return namespace.getMetadata().getUid();
    }

    private void heartbeat() {
        try {
            registration.heartbeat();
        } catch (RuntimeException e) {
            LOG.warn("Kubelet {}: heartbeat failed: {}", settings.nodeName(), e.toString());
        }
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        PodWorkers running = pods;
        if (running != null) {
            running.stop();
        }
        server.stop();
        shutDownThreads();
        LOG.info("Kubelet {} stopped; its containers keep running and are re-adopted at the next start",
                settings.nodeName());
    }

    private void shutDownThreads() {
        scheduler.shutdownNow();
        workers.shutdownNow();
        stoppers.shutdownNow();
        serverThreads.shutdownNow();
        eventWriter.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

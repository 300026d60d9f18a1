package org.kybern.client;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a control-plane component (scheduler, controller manager) runs only while it leads: it connects
 * (retrying while the API server or its token is not there yet), then takes part in leader election on
 * a Lease as client-go's leader election does, and tells its {@link Candidate} when it starts and stops
 * leading. With election off the candidate leads as soon as it is connected. {@link #close} stops
 * leading and gives the Lease up, so a standby takes over at once. All of it runs on one thread of its
 * own, so the candidate's callbacks never overlap.
 */
public final class LeaderElection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);
    private static final long CONNECT_RETRY_SECONDS = 2;

    /**
     * @param enabled       take part in leader election; off: lead at once
     * @param namespace     the Lease's namespace ({@code kube-system})
     * @param name          the Lease ({@code kube-scheduler}, {@code kube-controller-manager})
     * @param identity      this instance's name in the Lease
     * @param leaseDuration how long a standby waits after the leader's last renewal before it takes over
     * @param renewDeadline how long the leader keeps trying to renew before it stops leading
     * @param retryPeriod   how often the Lease is renewed or tried
     */
    public record Settings(boolean enabled, String namespace, String name, String identity, Duration leaseDuration,
            Duration renewDeadline, Duration retryPeriod) {
    }

    private final Supplier<KubernetesClient> connect;
    private final Settings settings;
    private final Consumer<KubernetesClient> startedLeading;
    private final Runnable stoppedLeading;
    private final ScheduledExecutorService thread;
    private volatile KubernetesClient client;
    private volatile Leadership leadership;
    private volatile boolean leading;
    private volatile boolean closed;

    /**
     * Starts connecting at once. The callbacks run on the election's thread.
     *
     * @param connect        gives the component's client; may throw while the cluster is not ready
     * @param startedLeading start working, with the client it was connected with
     * @param stoppedLeading stop working: another instance leads now, or this one is closing
     */
    public LeaderElection(Supplier<KubernetesClient> connect, Settings settings, Consumer<KubernetesClient> startedLeading,
            Runnable stoppedLeading) {
        this.connect = connect;
        this.settings = settings;
        this.startedLeading = startedLeading;
        this.stoppedLeading = stoppedLeading;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kybern-lease-" + settings.name());
            t.setDaemon(true);
            return t;
        });
        thread.execute(this::connect);
    }

    /** The configured identity, or when blank this host's name with a random suffix, as Kubernetes' components. */
    public static String identity(String configured, String component) {
        if (!configured.isBlank()) {
            return configured;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = component;
        }
        return host + "_" + UUID.randomUUID();
    }

    /** {@code connecting}, {@code standing by}, {@code leading} or {@code stopped}. */
    public String state() {
        if (closed) {
            return "stopped";
        }
        if (leading) {
            return "leading";
        }
        return client == null ? "connecting" : "standing by";
    }

    /** Stops leading (waiting up to 10 s for the candidate to stop) and releases the Lease. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.submit(() -> {
                Leadership current = leadership;
                if (current != null) {
                    current.release();
                } else {
                    stop();
                }
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.info("{}: stopping took too long ({}); stopping anyway", settings.identity(), e.toString());
            stop();
        }
        thread.shutdownNow();
        client = null;
        leadership = null;
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            KubernetesClient connected = connect.get();
            connected.namespaces().withName(settings.namespace()).get();
            client = connected;
        } catch (RuntimeException e) {
            LOG.info("{} cannot reach the API server yet, trying again in {} s: {}", settings.identity(),
                    CONNECT_RETRY_SECONDS, e.getMessage());
            thread.schedule(this::connect, CONNECT_RETRY_SECONDS, TimeUnit.SECONDS);
            return;
        }
        if (!settings.enabled()) {
            LOG.info("{}: leader election is off; leading", settings.identity());
            start();
            return;
        }
        leadership = new Leadership(client, settings.namespace(), settings.name(), settings.identity(),
                new Leadership.Timing(settings.leaseDuration(), settings.renewDeadline()), new Leadership.Listener() {
                    @Override
                    public void startedLeading() {
                        start();
                    }

                    @Override
                    public void stoppedLeading() {
                        stop();
                    }
                }, System::nanoTime);
        LOG.info("{} is a candidate for Lease {}/{}", settings.identity(), settings.namespace(), settings.name());
        thread.scheduleWithFixedDelay(this::tick, 0, settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        Leadership current = leadership;
        if (current != null && !closed) {
            current.tick();
        }
    }

    private void start() {
        if (closed || leading) {
            return;
        }
        leading = true;
        startedLeading.accept(client);
    }

    private void stop() {
        if (leading) {
            leading = false;
            stoppedLeading.run();
        }
    }
}

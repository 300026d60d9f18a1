package org.kybern.store.etcd.internal;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.kybern.api.store.ForwardingStore;
import org.kybern.api.store.Store;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The etcd store as a service ({@code kybern.store=etcd}), offered once
 * {@code org.kybern.store.etcd} is configured.
 *
 * <p>jetcd and its gRPC, Netty and Vert.x are embedded in this bundle, so stopping or
 * uninstalling it must leave none of their threads or thread-locals behind (they would pin this
 * bundle's class loader, or fail loading classes once its wiring is gone): the client runs on a
 * Vert.x instance of its own, and deactivation waits until that and Netty's global executor have
 * stopped.
 */
@Component(service = Store.class, property = Store.TYPE_PROPERTY + "=etcd",
        configurationPid = EtcdStoreComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = EtcdStoreConfig.class)
public final class EtcdStoreComponent extends ForwardingStore {

    static final String PID = "org.kybern.store.etcd";

    private static final Logger LOG = LoggerFactory.getLogger(EtcdStoreComponent.class);

    private final Vertx vertx;
    private final EtcdStore store;

    @Activate
    public EtcdStoreComponent(EtcdStoreConfig config) throws SSLException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Threads started from here inherit this loader, which is how deactivate finds them.
        thread.setContextClassLoader(EtcdStoreComponent.class.getClassLoader());
        Vertx started = Vertx.vertx(new VertxOptions().setUseDaemonThread(true));
        try {
            this.store = new EtcdStore(client(config, started), config.prefix(), Duration.ofSeconds(config.timeoutSeconds()));
            this.vertx = started;
        } catch (RuntimeException | SSLException e) {
            stop(started);
            throw e;
        } finally {
            FastThreadLocal.removeAll(); // Netty's per-thread caches on a thread that outlives us
            thread.setContextClassLoader(previous);
        }
    }

    @Deactivate
    void deactivate() {
        try {
            store.close();
            stop(vertx);
        } finally {
            FastThreadLocal.removeAll();
        }
    }

    /** Closes Vert.x and waits until every thread the client started has ended. */
    private static void stop(Vertx vertx) {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("etcd store: Vert.x did not close within 10 s", e);
        }
        awaitThreadsStartedByThisBundle(Duration.ofSeconds(5));
        try {
            GlobalEventExecutor.INSTANCE.awaitInactivity(3, TimeUnit.SECONDS);
        } catch (IllegalStateException neverStarted) {
            // nothing to wait for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitThreadsStartedByThisBundle(Duration timeout) {
        ClassLoader ours = EtcdStoreComponent.class.getClassLoader();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t != Thread.currentThread() && t.getContextClassLoader() == ours) {
                try {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (t.isAlive()) {
                    LOG.warn("etcd store: thread {} still runs after the client closed", t.getName());
                }
            }
        }
    }

    private static Client client(EtcdStoreConfig config, Vertx vertx) throws SSLException {
        List<String> endpoints = Arrays.stream(config.endpoints()).map(String::trim).filter(e -> !e.isEmpty()).toList();
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException(PID + ": endpoints is empty; name at least one etcd client URL");
        }
        ClientBuilder builder = Client.builder().endpoints(endpoints.toArray(String[]::new)).vertx(vertx);
        if (!config.caFile().isBlank()) {
            builder.sslContext(ssl -> {
                ssl.trustManager(new File(config.caFile()));
                if (!config.certFile().isBlank()) {
                    ssl.keyManager(new File(config.certFile()), new File(config.keyFile()));
                }
            });
        }
        if (!config.user().isBlank()) {
            builder.user(ByteSequence.from(config.user(), StandardCharsets.UTF_8))
                    .password(ByteSequence.from(config.password(), StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    @Override
    protected Store delegate() {
        return store;
    }
}

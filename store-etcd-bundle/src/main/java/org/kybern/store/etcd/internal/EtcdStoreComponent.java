package org.kybern.store.etcd.internal;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.kybern.api.store.KeyValue;
import org.kybern.api.store.RangeResult;
import org.kybern.api.store.Store;
import org.kybern.api.store.Watch;
import org.kybern.api.store.WatchListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The etcd store as a service ({@code kybern.store=etcd}), offered once
 * {@code org.kybern.store.etcd} is configured. jetcd and its gRPC, Netty and Vert.x are embedded
 * in this bundle; they find their parts through {@link java.util.ServiceLoader}, so the client is
 * built with this bundle's class loader as the thread's context class loader.
 */
@Component(service = Store.class, property = Store.TYPE_PROPERTY + "=etcd",
        configurationPid = EtcdStoreComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = EtcdStoreConfig.class)
public final class EtcdStoreComponent implements Store {

    static final String PID = "org.kybern.store.etcd";

    private final EtcdStore store;

    @Activate
    public EtcdStoreComponent(EtcdStoreConfig config) throws SSLException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(EtcdStoreComponent.class.getClassLoader());
        try {
            this.store = new EtcdStore(client(config), config.prefix(), Duration.ofSeconds(config.timeoutSeconds()));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Deactivate
    void deactivate() {
        store.close();
    }

    private static Client client(EtcdStoreConfig config) throws SSLException {
        List<String> endpoints = Arrays.stream(config.endpoints()).map(String::trim).filter(e -> !e.isEmpty()).toList();
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException(PID + ": endpoints is empty; name at least one etcd client URL");
        }
        ClientBuilder builder = Client.builder().endpoints(endpoints.toArray(String[]::new));
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
    public String name() {
        return store.name();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        return store.get(key);
    }

    @Override
    public RangeResult range(String prefix, int limit, String startAfter, long atRevision) {
        return store.range(prefix, limit, startAfter, atRevision);
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        return store.create(key, value);
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        return store.update(key, value, expectedModRevision);
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        return store.delete(key, expectedModRevision);
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        return store.watch(prefix, afterRevision, listener);
    }

    @Override
    public void compact(long revision) {
        store.compact(revision);
    }

    @Override
    public long currentRevision() {
        return store.currentRevision();
    }

    @Override
    public long compactedRevision() {
        return store.compactedRevision();
    }
}

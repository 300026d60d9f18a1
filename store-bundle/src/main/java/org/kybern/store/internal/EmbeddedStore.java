package org.kybern.store.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kybern.api.store.Store;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default store: the revisioned store made durable by a write-ahead log under the Karaf data
 * directory ({@code data/kybern/store}), snapshotting itself when a log segment grows too big.
 */
@Component(service = Store.class, property = Store.TYPE_PROPERTY + "=embedded",
        configurationPid = EmbeddedStore.PID)
@Designate(ocd = EmbeddedStoreConfig.class)
public final class EmbeddedStore extends RevisionedStore {

    static final String PID = "org.kybern.store.embedded";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStore.class);

    private final WriteAheadLog log;
    private final ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(
            daemon("kybern-store-snapshot"));

    @Activate
    public EmbeddedStore(BundleContext context, EmbeddedStoreConfig config) throws IOException {
        this(new WriteAheadLog(dataDirectory(context, config), (long) config.segmentMebibytes() << 20),
                config.watchHistory());
    }

    /**
     * Opens (recovering) the store kept in {@code directory}, outside OSGi: for tests, tools and
     * benchmarks. Close it with {@link #deactivate()}.
     *
     * @param watchHistory revisions kept for watches and past reads
     * @param segmentBytes log segment size after which a snapshot is due
     */
    public static EmbeddedStore open(Path directory, int watchHistory, long segmentBytes) throws IOException {
        return new EmbeddedStore(new WriteAheadLog(directory, segmentBytes), watchHistory);
    }

    private EmbeddedStore(WriteAheadLog log, int watchHistory) throws IOException {
        super(deliveryPool(), watchHistory, log);
        this.log = log;
        log.recoverInto(this);
        maintenance.scheduleWithFixedDelay(this::snapshotIfDue, 10, 10, TimeUnit.SECONDS);
    }

    /** Stops snapshotting, ends open watches and closes the log; every acknowledged write is on disk already. */
    @Deactivate
    public void deactivate() throws IOException, InterruptedException {
        maintenance.shutdownNow();
        maintenance.awaitTermination(30, TimeUnit.SECONDS);
        close();
        log.close();
    }

    /** Writes a snapshot now if the log has grown past its segment size. */
    void snapshotIfDue() {
        if (log.snapshotDue()) {
            try {
                log.snapshot(this);
            } catch (IOException | RuntimeException e) {
                LOG.error("Embedded store: snapshot failed; the log keeps growing until one succeeds", e);
            }
        }
    }

    private static Path dataDirectory(BundleContext context, EmbeddedStoreConfig config) {
        if (!config.dataDirectory().isBlank()) {
            return Path.of(config.dataDirectory());
        }
        String karafData = context.getProperty("karaf.data");
        if (karafData != null) {
            return Path.of(karafData, "kybern", "store");
        }
        File bundleData = context.getDataFile("store");
        if (bundleData == null) {
            throw new IllegalStateException("no data directory: set dataDirectory in " + PID);
        }
        return bundleData.toPath();
    }

    private static ExecutorService deliveryPool() {
        return Executors.newFixedThreadPool(2, daemon("kybern-store-watch"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}

package org.kybern.proxy.userspace.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.kybern.api.proxy.ProxyBackend;
import org.kybern.api.proxy.ProxyException;
import org.kybern.api.proxy.ProxyState;
import org.kybern.api.proxy.ServicePort;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code userspace} proxy backend: makes each ClusterIP a local address of the loopback device and
 * relays every service port's connections in Java (one NIO selector thread, no thread per connection)
 * to its ready endpoints, round robin or with ClientIP affinity. Works wherever {@code ip} and root are,
 * without kernel NAT.
 */
@Component(service = ProxyBackend.class, configurationPid = UserspaceBackend.PID,
        property = ProxyBackend.MODE + "=" + UserspaceBackend.MODE_NAME)
@Designate(ocd = UserspaceConfig.class)
public final class UserspaceBackend implements ProxyBackend {

    static final String PID = "org.kybern.proxy.userspace";
    static final String MODE_NAME = "userspace";
    /** The name of the relay's one thread. */
    static final String THREAD_NAME = "kybern-proxy-userspace-relay";

    private static final Logger LOG = LoggerFactory.getLogger(UserspaceBackend.class);
    private static final long DRAIN_POLL_MILLIS = 50;

    private final Settings settings;
    private final IpCommand ip;
    private final LocalAddresses addresses;
    private final RelayLoop loop;
    private final Sessions sessions = new Sessions();
    private final RelayBuffers buffers;
    private final Map<String, PortRelay> relays = new HashMap<>();

    @Activate
    public UserspaceBackend(UserspaceConfig config) throws IOException {
        this(Settings.of(config));
    }

    UserspaceBackend(Settings settings) throws IOException {
        this.settings = settings;
        this.ip = new IpCommand(settings.ipCommand());
        this.addresses = new LocalAddresses(ip, settings.device());
        this.loop = new RelayLoop(THREAD_NAME);
        this.buffers = RelayBuffers.of(settings);
    }

    @Override
    public String unusableReason() {
        if (!ip.exists()) {
            return "the ip command (" + ip + ") is not installed";
        }
        String uid = effectiveUid();
        if (!"0".equals(uid)) {
            return "not root (effective uid " + uid + "): cannot add ClusterIPs to " + settings.device();
        }
        return null;
    }

    @Override
    public synchronized void sync(ProxyState state) throws ProxyException {
        Set<String> clusterIPs = state.servicePorts().stream().map(ServicePort::clusterIP).collect(Collectors.toSet());
        addresses.ensure(clusterIPs);
        List<String> failures = onLoop(() -> applyOnLoop(state));
        addresses.retainOnly(clusterIPs);
        if (!failures.isEmpty()) {
            throw new ProxyException("userspace proxy: " + String.join("; ", failures));
        }
    }

    private List<String> applyOnLoop(ProxyState state) throws IOException {
        Map<String, ServicePort> wanted = state.byKey();
        relays.entrySet().removeIf(relay -> {
            boolean gone = !wanted.containsKey(relay.getKey());
            if (gone) {
                relay.getValue().close();
            }
            return gone;
        });
        for (ServicePort servicePort : state.servicePorts()) {
            relays.computeIfAbsent(servicePort.key(), key -> new PortRelay(key, loop, settings, sessions, buffers))
                    .prepare(servicePort, state.nodeAddresses());
        }
        loop.settleClosedChannels();
        List<String> failures = new ArrayList<>();
        for (PortRelay relay : relays.values()) {
            try {
                relay.listen();
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        return failures;
    }

    /**
     * Closes every listener, lets open connections finish for up to the drain time, closes what is still
     * open and removes the addresses this backend added.
     */
    @Override
    public synchronized void cleanUp() {
        try {
            onLoop(() -> {
                relays.values().forEach(PortRelay::close);
                relays.clear();
                return null;
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.drainSeconds());
            while (onLoop(sessions::size) > 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(DRAIN_POLL_MILLIS);
            }
            int cut = onLoop(() -> {
                int open = sessions.size();
                sessions.closeAll();
                return open;
            });
            if (cut > 0) {
                LOG.info("Closed {} relayed connections still open after {} s of draining", cut,
                        settings.drainSeconds());
            }
        } catch (ProxyException e) {
            LOG.warn("Cleaning up the userspace relay failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            addresses.removeAll();
        }
    }

    /** Per service port: {@code connections: <open> (total <n>)}. */
    @Override
    public synchronized Map<String, String> describe() {
        try {
            return onLoop(() -> {
                Map<String, String> described = new TreeMap<>();
                relays.forEach((key, relay) -> described.put(key, relay.stats().describe()));
                return described;
            });
        } catch (ProxyException e) {
            LOG.debug("No description of the userspace relay", e);
            return Map.of();
        }
    }

    @Deactivate
    void deactivate() {
        cleanUp();
        loop.close();
    }

    /** The addresses this backend added to its device and has not removed (for tests). */
    Set<String> addedAddresses() {
        return addresses.added();
    }

    private <T> T onLoop(Callable<T> task) throws ProxyException {
        try {
            return loop.call(task);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ProxyException("userspace relay: " + e.getMessage(), e);
        }
    }

    private static String effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2];
                }
            }
        } catch (IOException e) {
            LOG.debug("Cannot read /proc/self/status", e);
        }
        return "unknown";
    }
}

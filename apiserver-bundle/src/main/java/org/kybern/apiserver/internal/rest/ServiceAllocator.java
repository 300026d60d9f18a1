package org.kybern.apiserver.internal.rest;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kybern.api.store.ConflictException;
import org.kybern.api.store.KeyExistsException;
import org.kybern.api.store.KeyNotFoundException;
import org.kybern.api.store.KeyValue;
import org.kybern.api.store.Store;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gives services their cluster IP and node ports, as Kubernetes' ipallocator and portallocator do.
 *
 * <p>Every address and port in use is a key of its own in the store ({@value #IPS}{@code <ip>},
 * {@value #PORTS}{@code <port>}, naming the service that holds it, like Kubernetes' IPAddress
 * objects): creating the key is the atomic claim, so two services never get the same one, also
 * with concurrent creates or several API servers, and the state survives restarts and store
 * switches. A claim is made before the service is written and undone if that write fails; what a
 * service no longer uses is released after its write. A claim whose service never got written
 * (the server stopped in between) is taken over once it is older than {@link #LEAK_AGE}.
 */
final class ServiceAllocator {

    static final String IPS = "/registry/ipaddresses/";
    static final String PORTS = "/registry/servicenodeports/";
    private static final Duration LEAK_AGE = Duration.ofMinutes(1);
    private static final ResourceType SERVICES = ResourceTypes.find("", "v1", "services").orElseThrow();

    private final Store store;
    private final JsonMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile ServiceRanges ranges;

    ServiceAllocator(Store store, JsonMapper json, Clock clock, ServiceRanges ranges) {
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.ranges = ranges;
    }

    void ranges(ServiceRanges ranges) {
        this.ranges = ranges;
    }

    /** Claims made for one write: kept once the write succeeded (then the replaced ones go), else undone. */
    interface Reservation {
        Reservation NONE = stored -> { };

        void settle(boolean stored);
    }

    /**
     * Fills in and claims the service's cluster IP and node ports. {@code previous} is the stored
     * service on an update (its values are kept where the new spec leaves them out, as Kubernetes
     * does), {@code null} on a create.
     */
    Reservation allocate(String namespace, String name, ObjectNode service, ObjectNode previous, boolean dryRun) {
        ObjectNode spec = service.withObjectProperty("spec");
        JsonNode oldSpec = previous == null ? null : previous.path("spec");
        String uid = service.path("metadata").path("uid").asString("");
        Owner owner = new Owner(namespace, name, uid);
        List<String> claimed = new ArrayList<>();
        List<String> released = new ArrayList<>();
        try {
            clusterIp(spec, oldSpec, owner, dryRun, claimed, released, service);
            nodePorts(spec, oldSpec, owner, dryRun, claimed, released, service);
        } catch (RuntimeException e) {
            claimed.forEach(key -> release(key, owner));
            throw e;
        }
        if (dryRun) {
            return Reservation.NONE;
        }
        return stored -> (stored ? released : claimed).forEach(key -> release(key, owner));
    }

    /** Releases every claim of a service that is gone. */
    void release(ObjectNode service) {
        JsonNode meta = service.path("metadata");
        Owner owner = new Owner(meta.path("namespace").asString(""), meta.path("name").asString(""),
                meta.path("uid").asString(""));
        for (String key : keys(service.path("spec"))) {
            release(key, owner);
        }
    }

    private void clusterIp(ObjectNode spec, JsonNode oldSpec, Owner owner, boolean dryRun, List<String> claimed,
            List<String> released, ObjectNode service) {
        String type = spec.path("type").asString("ClusterIP");
        if (type.equals("ExternalName")) {
            for (String field : List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy")) {
                spec.remove(field);
            }
            if (oldSpec != null && isIp(oldSpec.path("clusterIP").asString(""))) {
                released.add(IPS + oldSpec.path("clusterIP").asString());
            }
            return;
        }
        String ip = spec.path("clusterIP").asString("");
        JsonNode ips = spec.path("clusterIPs");
        String old = oldSpec == null || oldSpec.path("type").asString("").equals("ExternalName") ? ""
                : oldSpec.path("clusterIP").asString("");
        if (!old.isEmpty()) {
            // An update that leaves them out keeps what was allocated, as Kubernetes' patchAllocatedValues.
            // With only the singular field (an older client), clusterIPs follows it, as Kubernetes normalizes.
            if (ip.isEmpty()) {
                ip = ips.isArray() && !ips.isEmpty() ? ips.get(0).asString("") : old;
            }
        }
        if (ip.isEmpty() && ips.isArray() && !ips.isEmpty()) {
            ip = ips.get(0).asString("");
        }
        if (ips.isArray() && !ips.isEmpty() && !ips.get(0).asString("").equals(ip)) {
            throw invalid(service, "spec.clusterIPs", "Invalid value: " + goStrings(ips)
                    + ": first value must match `clusterIP`");
        }
        if (ips.isArray() && ips.size() > 1) {
            throw invalid(service, "spec.clusterIPs", "Invalid value: " + goStrings(ips)
                    + ": only one IP family (IPv4) is served");
        }
        if (!old.isEmpty() && !ip.equals(old)) {
            throw invalid(service, "spec.clusterIPs[0]", "Invalid value: \"" + ip + "\": may not change once set");
        }
        if (!ip.isEmpty() && !ip.equals("None") && !ServiceRanges.isIpv4(ip)) {
            throw invalid(service, "spec.clusterIPs[0]", "Invalid value: \"" + ip + "\": must be a valid IP address, "
                    + "(e.g. 10.9.8.7 or 2001:db8::ffff)");
        }
        if (ip.isEmpty()) {
            ip = dryRun ? next(ranges) : claimNextIp(owner, claimed);
        } else if (!ip.equals("None") && !ip.equals(old)) {
            ServiceRanges r = ranges;
            if (r.indexOf(ip) < 0) {
                throw invalid(service, "spec.clusterIPs", "Invalid value: " + goStrings(List.of(ip))
                        + ": failed to allocate IP " + ip + ": the provided IP (" + ip + ") is not in the valid range. "
                        + "The range of valid IPs is " + r.cidr());
            }
            if (!claim(IPS + ip, owner, dryRun, claimed)) {
                throw invalid(service, "spec.clusterIPs", "Invalid value: " + goStrings(List.of(ip))
                        + ": failed to allocate IP " + ip + ": provided IP is already allocated");
            }
        }
        spec.put("clusterIP", ip);
        spec.putArray("clusterIPs").add(ip);
        if (!spec.path("ipFamilies").isArray() || spec.path("ipFamilies").isEmpty()) {
            spec.putArray("ipFamilies").add("IPv4");
        }
        if (!spec.hasNonNull("ipFamilyPolicy")) {
            spec.put("ipFamilyPolicy", "SingleStack");
        }
    }

    private void nodePorts(ObjectNode spec, JsonNode oldSpec, Owner owner, boolean dryRun, List<String> claimed,
            List<String> released, ObjectNode service) {
        String type = spec.path("type").asString("ClusterIP");
        boolean needs = type.equals("NodePort") || type.equals("LoadBalancer");
        if (type.equals("LoadBalancer") && !spec.hasNonNull("allocateLoadBalancerNodePorts")) {
            spec.put("allocateLoadBalancerNodePorts", true);
        }
        Set<Integer> oldPorts = new HashSet<>();
        if (oldSpec != null) {
            oldSpec.path("ports").forEach(p -> {
                if (p.path("nodePort").asInt(0) > 0) {
                    oldPorts.add(p.path("nodePort").asInt());
                }
            });
        }
        Set<Integer> kept = new HashSet<>();
        JsonNode ports = spec.path("ports");
        for (int i = 0; i < ports.size(); i++) {
            if (!(ports.get(i) instanceof ObjectNode port)) {
                continue;
            }
            if (!needs) {
                port.remove("nodePort"); // a ClusterIP service has no node ports: changing the type releases them
                continue;
            }
            int requested = port.path("nodePort").asInt(0);
            if (requested == 0 && oldSpec != null) {
                requested = matchingOldNodePort(oldSpec.path("ports"), port);
            }
            if (requested == 0) {
                requested = dryRun ? nextPort(kept) : claimNextPort(owner, claimed, kept);
            } else if (!kept.contains(requested) && !oldPorts.contains(requested)) {
                ServiceRanges r = ranges;
                if (requested < r.minPort() || requested > r.maxPort()) {
                    throw invalid(service, "spec.ports[" + i + "].nodePort", "Invalid value: " + requested
                            + ": provided port is not in the valid range. The range of valid ports is " + r.minPort()
                            + "-" + r.maxPort());
                }
                if (!claim(PORTS + requested, owner, dryRun, claimed)) {
                    throw invalid(service, "spec.ports[" + i + "].nodePort", "Invalid value: " + requested
                            + ": provided port is already allocated");
                }
            }
            port.put("nodePort", requested);
            kept.add(requested);
        }
        for (int old : oldPorts) {
            if (!kept.contains(old)) {
                released.add(PORTS + old);
            }
        }
    }

    /** The node port an update's port keeps from the stored one: same port and protocol, or same name. */
    private static int matchingOldNodePort(JsonNode oldPorts, JsonNode port) {
        for (JsonNode old : oldPorts) {
            boolean samePort = old.path("port").equals(port.path("port"))
                    && old.path("protocol").asString("TCP").equals(port.path("protocol").asString("TCP"));
            boolean sameName = !port.path("name").asString("").isEmpty()
                    && old.path("name").asString("").equals(port.path("name").asString(""));
            if ((samePort || sameName) && old.path("nodePort").asInt(0) > 0) {
                return old.path("nodePort").asInt();
            }
        }
        return 0;
    }

    /**
     * A free address, picked at random from the upper part of the range first: the lower part is
     * left for addresses users ask for, as Kubernetes does (KEP-3070). The first address stays for
     * the {@code kubernetes} service.
     */
    private String claimNextIp(Owner owner, List<String> claimed) {
        ServiceRanges r = ranges;
        for (int attempt = 0; attempt < 10; attempt++) {
            Set<String> taken = takenKeys(IPS);
            long band = Math.min(Math.max(16, r.usableAddresses() / 16), 256);
            Optional<Long> free = pick(r.usableAddresses(), band, 1, i -> !taken.contains(IPS + r.address(i)));
            if (free.isEmpty()) {
                throw new ApiException(500, "InternalError", "failed to allocate a serviceIP: range is full");
            }
            String ip = r.address(free.get());
            if (claim(IPS + ip, owner, false, claimed)) {
                return ip;
            }
        }
        throw new ApiException(409, "Conflict", "failed to allocate a serviceIP: too many concurrent allocations");
    }

    private String next(ServiceRanges r) {
        Set<String> taken = takenKeys(IPS);
        long band = Math.min(Math.max(16, r.usableAddresses() / 16), 256);
        return pick(r.usableAddresses(), band, 1, i -> !taken.contains(IPS + r.address(i))).map(r::address)
                .orElseThrow(() -> new ApiException(500, "InternalError", "failed to allocate a serviceIP: range is full"));
    }

    /** A free node port, from the upper part of the range first (KEP-3668). */
    private int claimNextPort(Owner owner, List<String> claimed, Set<Integer> ownPorts) {
        for (int attempt = 0; attempt < 10; attempt++) {
            int port = nextPort(ownPorts);
            if (claim(PORTS + port, owner, false, claimed)) {
                return port;
            }
        }
        throw new ApiException(409, "Conflict", "failed to allocate a nodePort: too many concurrent allocations");
    }

    private int nextPort(Set<Integer> ownPorts) {
        ServiceRanges r = ranges;
        Set<String> taken = takenKeys(PORTS);
        long count = r.maxPort() - r.minPort() + 1L;
        long band = Math.min(Math.max(16, count / 32), 128);
        return pick(count, band, 0, i -> !ownPorts.contains((int) (r.minPort() + i))
                && !taken.contains(PORTS + (r.minPort() + i)))
                .map(i -> (int) (r.minPort() + i))
                .orElseThrow(() -> new ApiException(500, "InternalError", "failed to allocate a nodePort: range is full"));
    }

    /** A random free index of [band, count), else of [lowest, band). */
    private Optional<Long> pick(long count, long band, long lowest, java.util.function.LongPredicate free) {
        long[][] parts = {{Math.min(band, count), count}, {lowest, Math.min(band, count)}};
        for (long[] part : parts) {
            long size = part[1] - part[0];
            if (size <= 0) {
                continue;
            }
            long start = Math.floorMod(random.nextLong(), size);
            for (long step = 0; step < size; step++) {
                long index = part[0] + (start + step) % size;
                if (free.test(index)) {
                    return Optional.of(index);
                }
            }
        }
        return Optional.empty();
    }

    private Set<String> takenKeys(String prefix) {
        Set<String> taken = new HashSet<>();
        String after = null;
        while (true) {
            var page = store.range(prefix, 1000, after, 0);
            page.items().forEach(kv -> taken.add(kv.key()));
            if (!page.more()) {
                return taken;
            }
            after = page.lastKey();
        }
    }

    /**
     * Claims a key for the service: creates it, or takes over a claim that leaked. With
     * {@code dryRun} only says whether the claim would succeed.
     */
    private boolean claim(String key, Owner owner, boolean dryRun, List<String> claimed) {
        Optional<KeyValue> existing = store.get(key);
        if (existing.isPresent()) {
            Owner holder = Owner.of(json.readTree(existing.get().value()));
            if (holder.sameService(owner) || !leaked(existing.get(), key)) {
                return holder.sameService(owner);
            }
        }
        if (dryRun) {
            return true;
        }
        byte[] value = json.writeValueAsBytes(owner.toJson(json, Instant.now(clock)));
        try {
            if (existing.isPresent()) {
                store.update(key, value, existing.get().modRevision());
            } else {
                store.create(key, value);
            }
            claimed.add(key);
            return true;
        } catch (KeyExistsException | ConflictException | KeyNotFoundException e) {
            return false; // someone else claimed it meanwhile
        }
    }

    /** Whether a claim is old and its service does not hold it: the server stopped between claim and write. */
    private boolean leaked(KeyValue claim, String key) {
        JsonNode value = json.readTree(claim.value());
        Instant at = Instant.parse(value.path("claimed").asString("1970-01-01T00:00:00Z"));
        if (Instant.now(clock).isBefore(at.plus(LEAK_AGE))) {
            return false;
        }
        Owner holder = Owner.of(value);
        Optional<KeyValue> service = store.get(SERVICES.key(holder.namespace(), holder.name()));
        if (service.isEmpty()) {
            return true;
        }
        JsonNode svc = json.readTree(service.get().value());
        return !svc.path("metadata").path("uid").asString("").equals(holder.uid()) || !keys(svc.path("spec")).contains(key);
    }

    /** Releases a claim if the service still holds it. */
    private void release(String key, Owner owner) {
        store.get(key).ifPresent(kv -> {
            if (Owner.of(json.readTree(kv.value())).sameService(owner)) {
                try {
                    store.delete(key, kv.modRevision());
                } catch (ConflictException | KeyNotFoundException e) {
                    // claimed or released by someone else meanwhile: nothing of ours to release
                }
            }
        });
    }

    /** The claim keys a service's spec uses. */
    private static Set<String> keys(JsonNode spec) {
        Set<String> keys = new HashSet<>();
        String ip = spec.path("clusterIP").asString("");
        if (isIp(ip)) {
            keys.add(IPS + ip);
        }
        spec.path("ports").forEach(p -> {
            if (p.path("nodePort").asInt(0) > 0) {
                keys.add(PORTS + p.path("nodePort").asInt());
            }
        });
        return keys;
    }

    private static boolean isIp(String ip) {
        return !ip.isEmpty() && !ip.equals("None");
    }

    private static String goStrings(JsonNode values) {
        List<String> list = new ArrayList<>();
        values.forEach(v -> list.add(v.asString("")));
        return goStrings(list);
    }

    private static String goStrings(List<String> values) {
        return ObjectStore.goStrings(values);
    }

    private static ApiException invalid(ObjectNode service, String field, String message) {
        return ObjectStore.invalid(SERVICES, service.path("metadata").path("name").asString(""), field, message);
    }

    /** Who holds a claim. */
    private record Owner(String namespace, String name, String uid) {
        static Owner of(JsonNode value) {
            return new Owner(value.path("namespace").asString(""), value.path("name").asString(""),
                    value.path("uid").asString(""));
        }

        boolean sameService(Owner other) {
            return namespace.equals(other.namespace) && name.equals(other.name) && uid.equals(other.uid);
        }

        ObjectNode toJson(JsonMapper json, Instant now) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("namespace", namespace);
            fields.put("name", name);
            fields.put("uid", uid);
            fields.put("claimed", now.toString());
            ObjectNode node = json.createObjectNode();
            fields.forEach(node::put);
            return node;
        }
    }
}

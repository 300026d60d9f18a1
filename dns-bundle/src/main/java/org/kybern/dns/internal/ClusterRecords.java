package org.kybern.dns.internal;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The cluster domain's records, as Kubernetes' DNS specification (schema 1.1.0) defines them: a pure
 * function from the Services and EndpointSlices a {@link ClusterView} shows and a question to an
 * {@link Answer}.
 * <ul>
 *   <li>{@code <svc>.<ns>.svc.<zone>}: A with the ClusterIP; for a headless Service one A per ready
 *       endpoint address (none ready: NXDOMAIN, as CoreDNS); for an ExternalName Service a CNAME;</li>
 *   <li>{@code <host>.<svc>.<ns>.svc.<zone>} of a headless Service: A of the endpoint whose hostname is
 *       {@code <host>}, or, without hostname, whose address written with dashes is;</li>
 *   <li>{@code _<port>._<proto>.<svc>.<ns>.svc.<zone>}: SRV {@code 0 100 <port> <svc>.<ns>.svc.<zone>.} for a
 *       named port, one per ready endpoint host for a headless Service, with the targets' A records as
 *       additional records;</li>
 *   <li>{@code <a-b-c-d>.<ns>.pod.<zone>}: A {@code a.b.c.d};</li>
 *   <li>{@code dns-version.<zone>}: TXT with the schema version; the zone apex: SOA and NS;</li>
 *   <li>{@code <d>.<c>.<b>.<a>.in-addr.arpa} PTR of a ClusterIP: {@code <svc>.<ns>.svc.<zone>.}; of a
 *       ready headless endpoint with a hostname: {@code <hostname>.<svc>.<ns>.svc.<zone>.}</li>
 * </ul>
 * Names are compared case-insensitively. A name that does not exist is NXDOMAIN, an existing one asked
 * for another type (AAAA: the cluster is IPv4) NOERROR without answers; both carry the zone's SOA in the
 * authority section so that resolvers cache the negative answer for the TTL.
 */
final class ClusterRecords {

    static final String SCHEMA_VERSION = "1.1.0";
    private static final Name IN_ADDR_ARPA = Name.fromConstantString("in-addr.arpa.");
    private static final int PRIORITY = 0;
    private static final int WEIGHT = 100;

    private final Name zone;
    private final long ttl;
    private final SOARecord soa;

    ClusterRecords(Name zone, long ttl) {
        this.zone = zone;
        this.ttl = ttl;
        this.soa = new SOARecord(zone, DClass.IN, ttl, name("ns.dns"), name("hostmaster"), 1, 7200, 1800, 86400, ttl);
    }

    /** The response code and records of an answer. */
    record Answer(int rcode, List<Record> answers, List<Record> authority, List<Record> additional) {
    }

    /** Whether {@code name} lies in the cluster domain (then this class answers it, and it is never forwarded). */
    boolean inZone(Name name) {
        return name.subdomain(zone);
    }

    /**
     * The PTR answer for {@code qname} ({@code <d>.<c>.<b>.<a>.in-addr.arpa.}) when the address is a
     * Service's ClusterIP or the address of a ready headless endpoint with a hostname; null when it is
     * no address of the cluster's (the question then goes upstream).
     */
    Answer reverse(ClusterView view, Name qname) {
        if (qname.labels() != 7 || !qname.subdomain(IN_ADDR_ARPA)) {
            return null;
        }
        StringBuilder dotted = new StringBuilder();
        for (int i = 3; i >= 0; i--) {
            dotted.append(qname.getLabelString(i)).append(i > 0 ? "." : "");
        }
        InetAddress ip = ipv4(dotted.toString());
        if (ip == null) {
            return null;
        }
        String address = ip.getHostAddress();
        List<Record> records = new ArrayList<>();
        for (Service service : view.servicesWithClusterIp(address)) {
            records.add(new PTRRecord(qname, DClass.IN, ttl, serviceName(service)));
        }
        for (EndpointSlice slice : view.slicesWithAddress(address)) {
            Map<String, String> labels = slice.getMetadata().getLabels();
            Service service = labels == null ? null : view.service(slice.getMetadata().getNamespace(),
                    labels.get(KubeDnsService.SERVICE_NAME_LABEL));
            if (service == null || !headless(service)) {
                continue;
            }
            for (Host host : readyHosts(view, new ServiceNames(service, serviceName(service))).values()) {
                boolean named = !host.label().equals(address.replace('.', '-'));
                if (named && host.address().equals(ip)) {
                    records.add(new PTRRecord(qname, DClass.IN, ttl, hostName(host.label(), serviceName(service))));
                }
            }
        }
        return records.isEmpty() ? null : found(records.stream().distinct().toList(), List.of());
    }

    private Name serviceName(Service service) {
        return name(service.getMetadata().getName() + "." + service.getMetadata().getNamespace() + ".svc");
    }

    /** The answer to a question for {@code qname} (in the zone) and {@code qtype}, from {@code view}. */
    Answer answer(ClusterView view, Name qname, int qtype) {
        int depth = qname.labels() - zone.labels();
        List<String> labels = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            labels.add(qname.getLabelString(i).toLowerCase(Locale.ROOT));
        }
        Name owner = qname;
        if (labels.isEmpty()) {
            return apex(owner, qtype);
        }
        String last = labels.get(labels.size() - 1);
        if (labels.size() == 1 && last.equals("dns-version")) {
            return qtype == Type.TXT || qtype == Type.ANY ? found(List.of(new TXTRecord(owner, DClass.IN, ttl,
                    SCHEMA_VERSION)), List.of()) : noData();
        }
        if (last.equals("svc")) {
            return service(view, owner, qtype, labels.subList(0, labels.size() - 1));
        }
        if (last.equals("pod")) {
            return pod(owner, qtype, labels.subList(0, labels.size() - 1));
        }
        return nxDomain();
    }

    private Answer apex(Name owner, int qtype) {
        List<Record> records = new ArrayList<>();
        if (qtype == Type.SOA || qtype == Type.ANY) {
            records.add(soa);
        }
        if (qtype == Type.NS || qtype == Type.ANY) {
            records.add(new NSRecord(owner, DClass.IN, ttl, name("ns.dns")));
        }
        return records.isEmpty() ? noData() : found(records, List.of());
    }

    /** Names under {@code svc.<zone>}; {@code labels} are those left of {@code svc}. */
    private Answer service(ClusterView view, Name owner, int qtype, List<String> labels) {
        if (labels.isEmpty()) {
            return noData();
        }
        String namespace = labels.get(labels.size() - 1);
        if (labels.size() == 1) {
            return view.hasServices(namespace) ? noData() : nxDomain();
        }
        Service service = view.service(namespace, labels.get(labels.size() - 2));
        if (service == null || service.getSpec() == null) {
            return nxDomain();
        }
        ServiceNames names = new ServiceNames(service, serviceName(service));
        List<String> inner = labels.subList(0, labels.size() - 2);
        if ("ExternalName".equals(service.getSpec().getType())) {
            return inner.isEmpty() ? externalName(owner, service) : nxDomain();
        }
        if (inner.isEmpty()) {
            return serviceAddresses(view, owner, qtype, names);
        }
        if (inner.size() == 1 && names.headless()) {
            return endpointHost(view, owner, qtype, names, inner.get(0));
        }
        if (inner.size() == 2 && inner.get(0).startsWith("_") && inner.get(1).startsWith("_")) {
            return srv(view, owner, qtype, names, inner.get(0).substring(1), inner.get(1).substring(1));
        }
        return nxDomain();
    }

    private Answer externalName(Name owner, Service service) {
        String target = service.getSpec().getExternalName();
        if (target == null || target.isEmpty()) {
            return nxDomain();
        }
        try {
            Name name = Name.fromString(target.endsWith(".") ? target : target + ".");
            return found(List.of(new CNAMERecord(owner, DClass.IN, ttl, name)), List.of());
        } catch (TextParseException e) {
            return nxDomain();
        }
    }

    private Answer serviceAddresses(ClusterView view, Name owner, int qtype, ServiceNames names) {
        if (!names.headless()) {
            InetAddress ip = ipv4(names.service().getSpec().getClusterIP());
            if (ip == null) {
                return nxDomain();
            }
            return wantsA(qtype) ? found(List.of(new ARecord(owner, DClass.IN, ttl, ip)), List.of()) : noData();
        }
        Map<String, Host> hosts = readyHosts(view, names);
        if (hosts.isEmpty()) {
            return nxDomain();
        }
        if (!wantsA(qtype)) {
            return noData();
        }
        List<Record> records = new ArrayList<>();
        hosts.values().stream().map(Host::address).distinct()
                .forEach(ip -> records.add(new ARecord(owner, DClass.IN, ttl, ip)));
        return found(records, List.of());
    }

    private Answer endpointHost(ClusterView view, Name owner, int qtype, ServiceNames names, String host) {
        Host found = readyHosts(view, names).get(host);
        if (found == null) {
            return nxDomain();
        }
        return wantsA(qtype) ? found(List.of(new ARecord(owner, DClass.IN, ttl, found.address())), List.of())
                : noData();
    }

    private Answer srv(ClusterView view, Name owner, int qtype, ServiceNames names, String port, String protocol) {
        ServicePort servicePort = names.service().getSpec().getPorts() == null ? null
                : names.service().getSpec().getPorts().stream()
                        .filter(p -> port.equalsIgnoreCase(p.getName()) && protocol.equalsIgnoreCase(protocol(p.getProtocol())))
                        .findFirst().orElse(null);
        if (servicePort == null) {
            return nxDomain();
        }
        List<Record> answers = new ArrayList<>();
        List<Record> additional = new ArrayList<>();
        if (!names.headless()) {
            InetAddress ip = ipv4(names.service().getSpec().getClusterIP());
            if (ip == null) {
                return nxDomain();
            }
            answers.add(new SRVRecord(owner, DClass.IN, ttl, PRIORITY, WEIGHT, servicePort.getPort(), names.name()));
            additional.add(new ARecord(names.name(), DClass.IN, ttl, ip));
        } else {
            for (Host host : readyHosts(view, names).values()) {
                Integer number = host.ports().get(port + "/" + protocol);
                if (number != null) {
                    Name target = hostName(host.label(), names.name());
                    answers.add(new SRVRecord(owner, DClass.IN, ttl, PRIORITY, WEIGHT, number, target));
                    additional.add(new ARecord(target, DClass.IN, ttl, host.address()));
                }
            }
            if (answers.isEmpty()) {
                return nxDomain();
            }
        }
        return qtype == Type.SRV || qtype == Type.ANY ? found(answers, additional) : noData();
    }

    /** Names under {@code pod.<zone>}: {@code <a-b-c-d>.<ns>}. */
    private Answer pod(Name owner, int qtype, List<String> labels) {
        if (labels.isEmpty()) {
            return noData();
        }
        InetAddress ip = labels.size() == 2 ? ipv4(labels.get(0).replace('-', '.')) : null;
        if (ip == null) {
            return nxDomain();
        }
        return wantsA(qtype) ? found(List.of(new ARecord(owner, DClass.IN, ttl, ip)), List.of()) : noData();
    }

    /**
     * The ready endpoints of a headless Service by their host label (hostname, else the address with
     * dashes), each with its first IPv4 address and its ports by {@code name/protocol} (lower case).
     */
    private static Map<String, Host> readyHosts(ClusterView view, ServiceNames names) {
        Service service = names.service();
        boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (EndpointSlice slice : view.slices(service.getMetadata().getNamespace(), service.getMetadata().getName())) {
            if (!"IPv4".equals(slice.getAddressType()) || slice.getEndpoints() == null) {
                continue;
            }
            Map<String, Integer> ports = new LinkedHashMap<>();
            if (slice.getPorts() != null) {
                for (EndpointPort port : slice.getPorts()) {
                    if (port.getName() != null && port.getPort() != null) {
                        ports.put(port.getName().toLowerCase(Locale.ROOT) + "/"
                                + protocol(port.getProtocol()).toLowerCase(Locale.ROOT), port.getPort());
                    }
                }
            }
            for (Endpoint endpoint : slice.getEndpoints()) {
                InetAddress ip = endpoint.getAddresses() == null || endpoint.getAddresses().isEmpty() ? null
                        : ipv4(endpoint.getAddresses().get(0));
                if (ip == null || !(publishNotReady || ready(endpoint))) {
                    continue;
                }
                String label = endpoint.getHostname() != null && !endpoint.getHostname().isEmpty()
                        ? endpoint.getHostname().toLowerCase(Locale.ROOT) : ip.getHostAddress().replace('.', '-');
                hosts.putIfAbsent(label, new Host(label, ip, ports));
            }
        }
        return hosts;
    }

    /** An endpoint is ready unless its condition says otherwise (unknown counts as ready, as Kubernetes). */
    private static boolean ready(Endpoint endpoint) {
        return endpoint.getConditions() == null || endpoint.getConditions().getReady() == null
                || endpoint.getConditions().getReady();
    }

    private static String protocol(String protocol) {
        return protocol == null ? "TCP" : protocol;
    }

    private static boolean wantsA(int qtype) {
        return qtype == Type.A || qtype == Type.ANY;
    }

    private Answer found(List<Record> answers, List<Record> additional) {
        return new Answer(Rcode.NOERROR, answers, List.of(), additional);
    }

    private Answer noData() {
        return new Answer(Rcode.NOERROR, List.of(), List.of(soa), List.of());
    }

    private Answer nxDomain() {
        return new Answer(Rcode.NXDOMAIN, List.of(), List.of(soa), List.of());
    }

    private Name name(String relative) {
        try {
            return Name.fromString(relative, zone);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a domain name: " + relative, e);
        }
    }

    private static Name hostName(String label, Name service) {
        try {
            return Name.fromString(label, service);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a domain name label: " + label, e);
        }
    }

    /** The dotted-quad IPv4 address {@code text}, or null when it is not one (never a name lookup). */
    static InetAddress ipv4(String text) {
        if (text == null || !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        byte[] bytes = new byte[4];
        String[] parts = text.split("\\.");
        for (int i = 0; i < 4; i++) {
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null; // four bytes are always a valid address
        }
    }

    private static boolean headless(Service service) {
        return service.getSpec() != null && "None".equals(service.getSpec().getClusterIP());
    }

    /** A Service with its name in the zone. */
    private record ServiceNames(Service service, Name name) {
        boolean headless() {
            return ClusterRecords.headless(service);
        }
    }

    /** A ready endpoint of a headless Service. */
    private record Host(String label, InetAddress address, Map<String, Integer> ports) {
    }
}

package org.kybern.kubelet.internal;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A kubelet's configuration made concrete and checked: defaults filled in from the host,
 * labels, taints and quantities parsed. Bad values are
 * refused with a message naming the key.
 */
record KubeletSettings(String nodeName, String user, Map<String, String> labels, List<Taint> taints,
        Map<String, Quantity> capacity, int port, String address, Path dataDir, Path caFile, PodDns dns) {

    private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    static KubeletSettings of(KubeletConfig config, UnaryOperator<String> frameworkProperty) {
        String nodeName = config.nodeName().strip().isEmpty() ? HostResources.hostName() : config.nodeName().strip();
        String user = config.user().strip().isEmpty() ? "system:node:" + nodeName : config.user().strip();
        Map<String, String> labels = new LinkedHashMap<>();
        for (String l : config.labels()) {
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("labels: \"" + l + "\" is not key=value");
            }
            labels.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
        List<Taint> taints = new ArrayList<>();
        for (String t : config.taints()) {
            taints.add(taint(t));
        }
        Map<String, Quantity> capacity = new LinkedHashMap<>();
        capacity.put("cpu", quantity("cpu", config.cpu(), Integer.toString(HostResources.processors())));
        capacity.put("memory", quantity("memory", config.memory(), HostResources.memoryBytes() / 1024 + "Ki"));
        if (config.pods() <= 0) {
            throw new IllegalArgumentException("pods must be positive, was " + config.pods());
        }
        capacity.put("pods", new Quantity(Integer.toString(config.pods())));
        if (config.port() < 0 || config.port() > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + config.port());
        }
        String address = config.address().strip().isEmpty() ? "127.0.0.1" : config.address().strip();
        String karafData = frameworkProperty.apply("karaf.data");
        Path karafKybern = Path.of(karafData != null ? karafData : System.getProperty("java.io.tmpdir"), "kybern");
        Path dataDir = (config.dataDir().isBlank() ? karafKybern.resolve("kubelet") : Path.of(config.dataDir().strip()))
                .resolve(nodeName);
        Path caFile = config.caFile().isBlank() ? karafKybern.resolve("pki/ca.crt") : Path.of(config.caFile().strip());
        List<String> clusterDns = java.util.Arrays.stream(config.clusterDNS()).map(String::strip).filter(d -> !d.isEmpty())
                .toList();
        PodDns dns = new PodDns(clusterDns, config.clusterDomain().strip(), PodDns.HostResolvConf.read(Path.of("/etc/resolv.conf")));
        return new KubeletSettings(nodeName, user, labels, taints, capacity, config.port(), address, dataDir, caFile,
                dns);
    }

    /** {@code key[=value]:Effect}. */
    static Taint taint(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || !EFFECTS.contains(text.substring(colon + 1).strip())) {
            throw new IllegalArgumentException("taints: \"" + text + "\" is not key[=value]:Effect with Effect one of "
                    + "NoSchedule, PreferNoSchedule, NoExecute");
        }
        String keyValue = text.substring(0, colon);
        int eq = keyValue.indexOf('=');
        Taint taint = new Taint();
        taint.setKey((eq < 0 ? keyValue : keyValue.substring(0, eq)).strip());
        if (eq >= 0) {
            taint.setValue(keyValue.substring(eq + 1).strip());
        }
        taint.setEffect(text.substring(colon + 1).strip());
        return taint;
    }

    private static Quantity quantity(String key, String value, String defaultValue) {
        String text = value == null || value.isBlank() ? defaultValue : value.strip();
        try {
            Quantity q = new Quantity(text);
            if (q.getNumericalAmount().signum() <= 0) {
                throw new IllegalArgumentException("must be positive");
            }
            return q;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": \"" + text + "\" is not a positive Kubernetes quantity (e.g. 2, 1500m, 8Gi)");
        }
    }
}

package org.kybern.kubelet.internal;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The service environment variables Kubernetes gives a container: {@code <SVC>_SERVICE_HOST},
 * {@code <SVC>_SERVICE_PORT[_<PORT NAME>]} and Docker-link style {@code <SVC>_PORT…}, for the
 * services of the pod's namespace (when {@code enableServiceLinks}) and the {@code kubernetes}
 * service of {@code default} (always), as they exist when the container starts.
 */
final class ServiceEnv {

    private ServiceEnv() {
    }

    static Map<String, String> of(String namespace, boolean enableServiceLinks, List<Service> services) {
        Map<String, Service> byName = new TreeMap<>();
        for (Service s : services) {
            if (!ipSet(s)) {
                continue;
            }
            String name = s.getMetadata().getName();
            String ns = s.getMetadata().getNamespace();
            if ("default".equals(ns) && "kubernetes".equals(name)) {
                byName.putIfAbsent(name, s);
            } else if (namespace.equals(ns) && enableServiceLinks) {
                byName.put(name, s);
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (Service s : byName.values()) {
            String prefix = variableName(s.getMetadata().getName());
            String ip = s.getSpec().getClusterIP();
            List<ServicePort> ports = s.getSpec().getPorts() == null ? List.of() : s.getSpec().getPorts();
            env.put(prefix + "_SERVICE_HOST", ip);
            if (!ports.isEmpty()) {
                env.put(prefix + "_SERVICE_PORT", String.valueOf(ports.get(0).getPort()));
            }
            for (ServicePort p : ports) {
                if (p.getName() != null && !p.getName().isEmpty()) {
                    env.put(prefix + "_SERVICE_PORT_" + variableName(p.getName()), String.valueOf(p.getPort()));
                }
            }
            links(prefix, ip, ports, env);
        }
        return env;
    }

    private static void links(String prefix, String ip, List<ServicePort> ports, Map<String, String> env) {
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        for (int i = 0; i < ports.size(); i++) {
            ServicePort p = ports.get(i);
            String protocol = p.getProtocol() == null || p.getProtocol().isEmpty() ? "TCP" : p.getProtocol();
            String lower = protocol.toLowerCase(Locale.ROOT);
            String url = lower + "://" + host + ":" + p.getPort();
            if (i == 0) {
                env.put(prefix + "_PORT", url);
            }
            String portPrefix = prefix + "_PORT_" + p.getPort() + "_" + protocol.toUpperCase(Locale.ROOT);
            env.put(portPrefix, url);
            env.put(portPrefix + "_PROTO", lower);
            env.put(portPrefix + "_PORT", String.valueOf(p.getPort()));
            env.put(portPrefix + "_ADDR", ip);
        }
    }

    private static boolean ipSet(Service s) {
        String ip = s.getSpec() == null ? null : s.getSpec().getClusterIP();
        return ip != null && !ip.isEmpty() && !ip.equals("None");
    }

    static String variableName(String name) {
        return name.replace('-', '_').toUpperCase(Locale.ROOT);
    }
}

package org.kybern.kubelet.internal;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.Secret;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment as Kubernetes builds it: {@code envFrom}, then {@code env} in order
 * ({@code value} with {@code $(VAR)} expansion, or {@code valueFrom} a ConfigMap or Secret key, a
 * field of the pod or a resource of the container), then the service variables not already set.
 */
final class EnvResolver {

    private static final Pattern MAP_FIELD = Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    /** What the kubelet knows beyond the pod: objects of its namespace, addresses, the node. */
    record Context(BiFunction<String, String, Optional<ConfigMap>> configMaps,
            BiFunction<String, String, Optional<Secret>> secrets, Map<String, String> serviceEnv, String podIP,
            String hostIP, Map<String, Quantity> nodeAllocatable) {
    }

    private EnvResolver() {
    }

    /** @throws ContainerConfigError naming what is missing, as Kubernetes words it */
    static Map<String, String> resolve(Pod pod, Container container, Context context) {
        String ns = pod.getMetadata().getNamespace();
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : list(container.getEnvFrom())) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            Map<String, String> data = null;
            if (from.getConfigMapRef() != null) {
                String name = from.getConfigMapRef().getName();
                Optional<ConfigMap> cm = context.configMaps().apply(ns, name);
                if (cm.isEmpty() && !Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
                    throw new ContainerConfigError("configmap \"" + name + "\" not found");
                }
                data = cm.map(EnvResolver::configMapData).orElse(Map.of());
            } else if (from.getSecretRef() != null) {
                String name = from.getSecretRef().getName();
                Optional<Secret> secret = context.secrets().apply(ns, name);
                if (secret.isEmpty() && !Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                    throw new ContainerConfigError("secret \"" + name + "\" not found");
                }
                data = secret.map(EnvResolver::secretData).orElse(Map.of());
            }
            if (data != null) {
                data.forEach((k, v) -> {
                    if (ENV_NAME.matcher(prefix + k).matches()) { // Kubernetes skips invalid names
                        env.put(prefix + k, v);
                    }
                });
            }
        }
        for (EnvVar var : list(container.getEnv())) {
            String value;
            if (var.getValue() != null && !var.getValue().isEmpty()) {
                value = Expansion.expand(var.getValue(), name -> env.containsKey(name) ? env.get(name)
                        : context.serviceEnv().get(name));
            } else if (var.getValueFrom() != null) {
                value = fromSource(pod, container, var.getValueFrom(), context);
                if (value == null) {
                    continue; // an optional source that is not there
                }
            } else {
                value = "";
            }
            env.put(var.getName(), value);
        }
        context.serviceEnv().forEach(env::putIfAbsent);
        return env;
    }

    /** {@code command} or {@code args} with {@code $(VAR)} replaced from the container's environment. */
    static List<String> expand(List<String> words, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        for (String w : list(words)) {
            out.add(Expansion.expand(w, env::get));
        }
        return out;
    }

    private static String fromSource(Pod pod, Container container, EnvVarSource source, Context context) {
        String ns = pod.getMetadata().getNamespace();
        if (source.getConfigMapKeyRef() != null) {
            var ref = source.getConfigMapKeyRef();
            return key("configmap", "ConfigMap", ns, ref.getName(), ref.getKey(), ref.getOptional(),
                    context.configMaps().apply(ns, ref.getName()).map(EnvResolver::configMapData));
        }
        if (source.getSecretKeyRef() != null) {
            var ref = source.getSecretKeyRef();
            return key("secret", "Secret", ns, ref.getName(), ref.getKey(), ref.getOptional(),
                    context.secrets().apply(ns, ref.getName()).map(EnvResolver::secretData));
        }
        if (source.getFieldRef() != null) {
            return field(pod, source.getFieldRef(), context);
        }
        if (source.getResourceFieldRef() != null) {
            return resource(container, source.getResourceFieldRef(), context.nodeAllocatable());
        }
        throw new ContainerConfigError("valueFrom of an environment variable names no source");
    }

    /** A key of a ConfigMap or Secret; {@code null} when it (or its object) is missing and optional. */
    private static String key(String resource, String kind, String ns, String name, String key, Boolean optional,
            Optional<Map<String, String>> data) {
        boolean mayLack = Boolean.TRUE.equals(optional);
        if (data.isEmpty()) {
            if (mayLack) {
                return null;
            }
            throw new ContainerConfigError(resource + " \"" + name + "\" not found");
        }
        String value = data.get().get(key);
        if (value == null && !mayLack) {
            throw new ContainerConfigError("couldn't find key " + key + " in " + kind + " " + ns + "/" + name);
        }
        return value;
    }

    private static String field(Pod pod, ObjectFieldSelector selector, Context context) {
        String path = selector.getFieldPath();
        Matcher m = MAP_FIELD.matcher(path);
        if (m.matches()) {
            Map<String, String> map = m.group(1).equals("labels") ? pod.getMetadata().getLabels()
                    : pod.getMetadata().getAnnotations();
            return map == null ? "" : map.getOrDefault(m.group(2), "");
        }
        return switch (path) {
            case "metadata.name" -> pod.getMetadata().getName();
            case "metadata.namespace" -> pod.getMetadata().getNamespace();
            case "metadata.uid" -> pod.getMetadata().getUid();
            case "spec.nodeName" -> nullToEmpty(pod.getSpec().getNodeName());
            case "spec.serviceAccountName" -> nullToEmpty(pod.getSpec().getServiceAccountName());
            case "status.podIP", "status.podIPs" -> nullToEmpty(context.podIP());
            case "status.hostIP", "status.hostIPs" -> nullToEmpty(context.hostIP());
            default -> throw new ContainerConfigError("unsupported fieldRef fieldPath " + path);
        };
    }

    /** Kubernetes' resourceFieldRef: the container's limit (the node's allocatable when none) or request, divided and rounded up. */
    private static String resource(Container container, ResourceFieldSelector selector, Map<String, Quantity> node) {
        String resource = selector.getResource();
        int dot = resource.indexOf('.');
        if (dot < 0) {
            throw new ContainerConfigError("unsupported resourceFieldRef resource " + resource);
        }
        String kind = resource.substring(0, dot);
        String name = resource.substring(dot + 1);
        var resources = container.getResources();
        Map<String, Quantity> limits = resources == null || resources.getLimits() == null ? Map.of() : resources.getLimits();
        Map<String, Quantity> requests = resources == null || resources.getRequests() == null ? Map.of()
                : resources.getRequests();
        Quantity q = switch (kind) {
            case "limits" -> limits.getOrDefault(name, node.get(name));
            case "requests" -> requests.getOrDefault(name, limits.get(name));
            default -> throw new ContainerConfigError("unsupported resourceFieldRef resource " + resource);
        };
        if (q == null) {
            return "0";
        }
        BigDecimal divisor = selector.getDivisor() == null ? BigDecimal.ONE
                : selector.getDivisor().getNumericalAmount();
        if (divisor.signum() == 0) {
            divisor = BigDecimal.ONE;
        }
        return q.getNumericalAmount().divide(divisor, 0, RoundingMode.CEILING).toPlainString();
    }

    static Map<String, String> configMapData(ConfigMap cm) {
        Map<String, String> data = new LinkedHashMap<>();
        if (cm.getData() != null) {
            data.putAll(cm.getData());
        }
        return data;
    }

    static Map<String, String> secretData(Secret secret) {
        Map<String, String> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k,
                    new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            data.putAll(secret.getStringData());
        }
        return data;
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

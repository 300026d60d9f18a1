package org.kybern.apiserver.internal.rest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Per-kind checks Kubernetes makes before storing an object, worded as it words them; every
 * wrong field becomes one cause of a 422.
 */
final class Validation {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");

    private Validation() {
    }

    /** The causes of refusal; empty when the object is valid. */
    static List<ObjectStore.Cause> check(ResourceType type, JsonNode object) {
        List<ObjectStore.Cause> causes = new ArrayList<>();
        switch (type.kind()) {
            case "Pod" -> podSpec(object.path("spec"), "spec", causes);
            case "Deployment", "ReplicaSet" -> workload(object.path("spec"), causes);
            case "Service" -> service(object.path("spec"), causes);
            case "ConfigMap", "Secret" -> {
                for (String field : List.of("data", "binaryData", "stringData")) {
                    for (String key : object.path(field).propertyNames()) {
                        if (!CONFIG_KEY.matcher(key).matches() || key.length() > 253) {
                            causes.add(invalid(field + "[" + key + "]", "\"" + key + "\": a valid config key must consist of "
                                    + "alphanumeric characters, '-', '_' or '.'"));
                        }
                    }
                }
            }
            default -> {
                // only the common checks of ObjectStore
            }
        }
        return causes;
    }

    private static void workload(JsonNode spec, List<ObjectStore.Cause> causes) {
        JsonNode replicas = spec.path("replicas");
        if (!replicas.isMissingNode() && (!replicas.isIntegralNumber() || replicas.asLong() < 0)) {
            causes.add(invalid("spec.replicas", replicas + ": must be greater than or equal to 0"));
        }
        JsonNode selector = spec.path("selector").path("matchLabels");
        JsonNode labels = spec.path("template").path("metadata").path("labels");
        if (!selector.isObject() || selector.isEmpty()) {
            if (!spec.path("selector").path("matchExpressions").isArray()) {
                causes.add(required("spec.selector"));
            }
        } else {
            for (Map.Entry<String, JsonNode> e : selector.properties()) {
                if (!e.getValue().equals(labels.path(e.getKey()))) {
                    causes.add(invalid("spec.template.metadata.labels", labels + ": `selector` does not match template `labels`"));
                    break;
                }
            }
        }
        podSpec(spec.path("template").path("spec"), "spec.template.spec", causes);
    }

    private static void podSpec(JsonNode spec, String path, List<ObjectStore.Cause> causes) {
        JsonNode containers = spec.path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            causes.add(required(path + ".containers"));
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < containers.size(); i++) {
            JsonNode c = containers.get(i);
            String at = path + ".containers[" + i + "]";
            String name = c.path("name").asString("");
            if (name.isEmpty()) {
                causes.add(required(at + ".name"));
            } else if (!DNS_LABEL.matcher(name).matches() || name.length() > 63) {
                causes.add(invalid(at + ".name", "\"" + name + "\": a lowercase RFC 1123 label must consist of lower case "
                        + "alphanumeric characters or '-', and must start and end with an alphanumeric character"));
            } else if (!names.add(name)) {
                causes.add(new ObjectStore.Cause("FieldValueDuplicate", at + ".name", "Duplicate value: \"" + name + "\""));
            }
            if (c.path("image").asString("").isBlank()) {
                causes.add(required(at + ".image"));
            }
            ports(c.path("ports"), at + ".ports", "containerPort", causes);
        }
        String restart = spec.path("restartPolicy").asString("Always");
        if (!Set.of("Always", "OnFailure", "Never").contains(restart)) {
            causes.add(new ObjectStore.Cause("FieldValueNotSupported", path + ".restartPolicy", "Unsupported value: \""
                    + restart + "\": supported values: \"Always\", \"OnFailure\", \"Never\""));
        }
    }

    private static void service(JsonNode spec, List<ObjectStore.Cause> causes) {
        boolean headless = "None".equals(spec.path("clusterIP").asString(""));
        boolean external = "ExternalName".equals(spec.path("type").asString(""));
        if (!spec.path("ports").isArray() || spec.path("ports").isEmpty()) {
            if (!headless && !external) {
                causes.add(required("spec.ports"));
            }
            return;
        }
        ports(spec.path("ports"), "spec.ports", "port", causes);
    }

    private static void ports(JsonNode ports, String path, String numberField, List<ObjectStore.Cause> causes) {
        for (int i = 0; i < ports.size(); i++) {
            JsonNode p = ports.get(i);
            JsonNode number = p.path(numberField);
            if (!number.isIntegralNumber() || number.asLong() < 1 || number.asLong() > 65535) {
                causes.add(invalid(path + "[" + i + "]." + numberField,
                        number + ": must be between 1 and 65535, inclusive"));
            }
            String protocol = p.path("protocol").asString("TCP");
            if (!PROTOCOLS.contains(protocol)) {
                causes.add(new ObjectStore.Cause("FieldValueNotSupported", path + "[" + i + "].protocol",
                        "Unsupported value: \"" + protocol + "\": supported values: \"SCTP\", \"TCP\", \"UDP\""));
            }
        }
    }

    private static ObjectStore.Cause required(String field) {
        return new ObjectStore.Cause("FieldValueRequired", field, "Required value");
    }

    private static ObjectStore.Cause invalid(String field, String detail) {
        return new ObjectStore.Cause("FieldValueInvalid", field, "Invalid value: " + detail);
    }
}

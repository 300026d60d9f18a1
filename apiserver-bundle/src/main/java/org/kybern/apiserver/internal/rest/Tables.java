package org.kybern.apiserver.internal.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side printing: objects as a {@code meta.k8s.io/v1} Table with the columns kubectl shows
 * for each kind ({@code priority 1} columns only with {@code -o wide}).
 */
final class Tables {

    /** A column: its header, its type for kubectl, whether only {@code -o wide} shows it, and its cell. */
    record Column(String name, String type, int priority, Function<JsonNode, Object> cell) {
    }

    private static final Column NAME = new Column("Name", "string", 0, o -> o.path("metadata").path("name").asString(""));
    private static final Column AGE = new Column("Age", "string", 0, o -> age(o.path("metadata").path("creationTimestamp")));

    /** The wide columns deployments and replica sets share. */
    private static final Column WORKLOAD_CONTAINERS = new Column("Containers", "string", 1, o -> containers(o, "name"));
    private static final Column WORKLOAD_IMAGES = new Column("Images", "string", 1, o -> containers(o, "image"));
    private static final Column WORKLOAD_SELECTOR = new Column("Selector", "string", 1,
            o -> selector(o.path("spec").path("selector").path("matchLabels")));

    private static final Map<String, List<Column>> COLUMNS = Map.ofEntries(
            Map.entry("Pod", List.of(NAME,
                    new Column("Ready", "string", 0, Tables::podReady),
                    new Column("Status", "string", 0, Tables::podStatus),
                    new Column("Restarts", "string", 0, Tables::podRestarts),
                    AGE,
                    new Column("IP", "string", 1, o -> orNone(o.path("status").path("podIP"))),
                    new Column("Node", "string", 1, o -> orNone(o.path("spec").path("nodeName"))),
                    new Column("Nominated Node", "string", 1, o -> orNone(o.path("status").path("nominatedNodeName"))),
                    new Column("Readiness Gates", "string", 1, o -> "<none>"))),
            Map.entry("Deployment", List.of(NAME,
                    new Column("Ready", "string", 0, o -> o.path("status").path("readyReplicas").asLong(0) + "/"
                            + o.path("spec").path("replicas").asLong(1)),
                    new Column("Up-to-date", "integer", 0, o -> o.path("status").path("updatedReplicas").asLong(0)),
                    new Column("Available", "integer", 0, o -> o.path("status").path("availableReplicas").asLong(0)),
                    AGE, WORKLOAD_CONTAINERS, WORKLOAD_IMAGES, WORKLOAD_SELECTOR)),
            Map.entry("ReplicaSet", List.of(NAME,
                    new Column("Desired", "integer", 0, o -> o.path("spec").path("replicas").asLong(1)),
                    new Column("Current", "integer", 0, o -> o.path("status").path("replicas").asLong(0)),
                    new Column("Ready", "integer", 0, o -> o.path("status").path("readyReplicas").asLong(0)),
                    AGE, WORKLOAD_CONTAINERS, WORKLOAD_IMAGES, WORKLOAD_SELECTOR)),
            Map.entry("ConfigMap", List.of(NAME,
                    new Column("Data", "integer", 0, o -> o.path("data").size() + o.path("binaryData").size()), AGE)),
            Map.entry("Secret", List.of(NAME,
                    new Column("Type", "string", 0, o -> o.path("type").asString("Opaque")),
                    new Column("Data", "integer", 0, o -> o.path("data").size() + o.path("stringData").size()), AGE)),
            Map.entry("Namespace", List.of(NAME,
                    new Column("Status", "string", 0, o -> o.path("status").path("phase").asString("Active")), AGE)),
            Map.entry("Service", List.of(NAME,
                    new Column("Type", "string", 0, o -> o.path("spec").path("type").asString("ClusterIP")),
                    new Column("Cluster-IP", "string", 0, o -> orNone(o.path("spec").path("clusterIP"))),
                    new Column("External-IP", "string", 0, o -> "<none>"),
                    new Column("Port(s)", "string", 0, Tables::servicePorts),
                    AGE,
                    new Column("Selector", "string", 1, o -> selector(o.path("spec").path("selector"))))),
            Map.entry("Node", List.of(NAME,
                    new Column("Status", "string", 0, Tables::nodeStatus),
                    new Column("Roles", "string", 0, o -> "<none>"),
                    AGE,
                    new Column("Version", "string", 0, o -> o.path("status").path("nodeInfo").path("kubeletVersion").asString("")))),
            Map.entry("ServiceAccount", List.of(NAME,
                    new Column("Secrets", "integer", 0, o -> o.path("secrets").size()), AGE)),
            Map.entry("Lease", List.of(NAME,
                    new Column("Holder", "string", 0, o -> o.path("spec").path("holderIdentity").asString("")), AGE)));

    private final JsonMapper json;

    Tables(JsonMapper json) {
        this.json = json;
    }

    /** Whether the client asked for a Table ({@code Accept: application/json;as=Table;g=meta.k8s.io;v=v1}). */
    static boolean requested(String accept) {
        if (accept == null) {
            return false;
        }
        for (String option : accept.split(",")) {
            String o = option.replace(" ", "");
            if (o.contains("as=Table") && o.contains("g=meta.k8s.io") && o.contains("v=v1") && !o.contains("v=v1beta1")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A list (its {@code items}) or one object as a Table.
     *
     * @param includeObject {@code None}, {@code Metadata} (the default) or {@code Object}, as the
     *                      {@code includeObject} parameter says
     */
    ObjectNode table(ResourceType type, JsonNode listOrObject, String includeObject) {
        List<Column> columns = COLUMNS.getOrDefault(type.kind(), List.of(NAME, AGE));
        ObjectNode table = json.createObjectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode meta = table.putObject("metadata");
        if (listOrObject.has("items")) {
            meta.put("resourceVersion", listOrObject.path("metadata").path("resourceVersion").asString(""));
            JsonNode cont = listOrObject.path("metadata").path("continue");
            if (cont.isString()) {
                meta.put("continue", cont.asString());
            }
        }
        ArrayNode definitions = table.putArray("columnDefinitions");
        for (Column c : columns) {
            ObjectNode d = definitions.addObject();
            d.put("name", c.name());
            d.put("type", c.type());
            d.put("format", c == NAME ? "name" : "");
            d.put("description", "");
            d.put("priority", c.priority());
        }
        ArrayNode rows = table.putArray("rows");
        List<JsonNode> objects = new ArrayList<>();
        if (listOrObject.has("items")) {
            listOrObject.get("items").forEach(objects::add);
        } else {
            objects.add(listOrObject);
        }
        for (JsonNode o : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Column c : columns) {
                Object cell = c.cell().apply(o);
                if (cell instanceof Number n) {
                    cells.add(n.longValue());
                } else {
                    cells.add(String.valueOf(cell));
                }
            }
            if ("Object".equals(includeObject)) {
                row.set("object", o.deepCopy());
            } else if (!"None".equals(includeObject)) {
                ObjectNode partial = row.putObject("object");
                partial.put("kind", "PartialObjectMetadata");
                partial.put("apiVersion", "meta.k8s.io/v1");
                partial.set("metadata", o.path("metadata").deepCopy());
            }
        }
        return table;
    }

    /** Kubernetes' HumanDuration: 45s, 5m10s, 3h, 2d5h, 400d. */
    static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            long dy = (hours / 24) % 365;
            return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
        }
        return hours / 24 / 365 + "y";
    }

    private static String age(JsonNode creationTimestamp) {
        try {
            return humanDuration(Duration.between(Instant.parse(creationTimestamp.asString("")), Instant.now()));
        } catch (DateTimeParseException e) {
            return "<unknown>";
        }
    }

    private static String orNone(JsonNode value) {
        return value.isString() && !value.asString().isEmpty() ? value.asString() : "<none>";
    }

    private static String podReady(JsonNode pod) {
        int total = pod.path("spec").path("containers").size();
        int ready = 0;
        for (JsonNode c : pod.path("status").path("containerStatuses")) {
            if (c.path("ready").asBoolean(false)) {
                ready++;
            }
        }
        return ready + "/" + total;
    }

    private static String podStatus(JsonNode pod) {
        if (pod.path("metadata").has("deletionTimestamp")) {
            return "Terminating";
        }
        for (JsonNode c : pod.path("status").path("containerStatuses")) {
            JsonNode waiting = c.path("state").path("waiting").path("reason");
            if (waiting.isString()) {
                return waiting.asString();
            }
        }
        return pod.path("status").path("phase").asString("Pending");
    }

    private static long podRestarts(JsonNode pod) {
        long restarts = 0;
        for (JsonNode c : pod.path("status").path("containerStatuses")) {
            restarts += c.path("restartCount").asLong(0);
        }
        return restarts;
    }

    private static String nodeStatus(JsonNode node) {
        for (JsonNode c : node.path("status").path("conditions")) {
            if (c.path("type").asString("").equals("Ready")) {
                return c.path("status").asString("").equals("True") ? "Ready" : "NotReady";
            }
        }
        return "Unknown";
    }

    private static String servicePorts(JsonNode service) {
        List<String> ports = new ArrayList<>();
        for (JsonNode p : service.path("spec").path("ports")) {
            String port = p.path("port").asString("");
            if (p.has("nodePort")) {
                port += ":" + p.path("nodePort").asString("");
            }
            ports.add(port + "/" + p.path("protocol").asString("TCP"));
        }
        return ports.isEmpty() ? "<none>" : String.join(",", ports);
    }

    private static String containers(JsonNode workload, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode c : workload.path("spec").path("template").path("spec").path("containers")) {
            values.add(c.path(field).asString(""));
        }
        return String.join(",", values);
    }

    private static String selector(JsonNode labels) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : labels.properties()) {
            parts.add(e.getKey() + "=" + e.getValue().asString(""));
        }
        return parts.isEmpty() ? "<none>" : String.join(",", parts);
    }
}

package org.kybern.apiserver.internal.rest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The defaults Kubernetes applies to objects it is given (its {@code SetDefaults_*} functions),
 * for the kinds Kybern serves: what a user leaves out reads back as Kubernetes would fill it in.
 */
final class Defaults {

    private Defaults() {
    }

    /** Fills in what the object's kind defaults, in place. */
    static void apply(ResourceType type, ObjectNode object) {
        switch (type.kind()) {
            case "Pod" -> podSpec(spec(object));
            case "Deployment" -> {
                ObjectNode spec = spec(object);
                putIfAbsent(spec, "replicas", 1);
                ObjectNode strategy = spec.withObjectProperty("strategy");
                if (!strategy.has("type")) {
                    strategy.put("type", "RollingUpdate");
                }
                if (strategy.get("type").asString("").equals("RollingUpdate")) {
                    ObjectNode rolling = strategy.withObjectProperty("rollingUpdate");
                    putIfAbsent(rolling, "maxUnavailable", "25%");
                    putIfAbsent(rolling, "maxSurge", "25%");
                }
                putIfAbsent(spec, "revisionHistoryLimit", 10);
                putIfAbsent(spec, "progressDeadlineSeconds", 600);
                template(spec);
            }
            case "ReplicaSet" -> {
                ObjectNode spec = spec(object);
                putIfAbsent(spec, "replicas", 1);
                template(spec);
            }
            case "Service" -> {
                ObjectNode spec = spec(object);
                putIfAbsent(spec, "type", "ClusterIP");
                putIfAbsent(spec, "sessionAffinity", "None");
                putIfAbsent(spec, "internalTrafficPolicy", "Cluster");
                for (JsonNode port : spec.path("ports")) {
                    if (port instanceof ObjectNode p) {
                        putIfAbsent(p, "protocol", "TCP");
                        if (!p.has("targetPort") && p.has("port")) {
                            p.set("targetPort", p.get("port"));
                        }
                    }
                }
            }
            case "Namespace" -> {
                ObjectNode spec = spec(object);
                if (!spec.has("finalizers")) {
                    spec.putArray("finalizers").add("kubernetes");
                }
            }
            case "Secret" -> putIfAbsent(object, "type", "Opaque");
            default -> {
                // no defaults
            }
        }
    }

    private static void template(ObjectNode workloadSpec) {
        JsonNode podSpec = workloadSpec.path("template").path("spec");
        if (podSpec instanceof ObjectNode s) {
            podSpec(s);
        }
    }

    private static void podSpec(ObjectNode spec) {
        putIfAbsent(spec, "restartPolicy", "Always");
        putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        putIfAbsent(spec, "terminationGracePeriodSeconds", 30);
        putIfAbsent(spec, "schedulerName", "default-scheduler");
        putIfAbsent(spec, "enableServiceLinks", true);
        if (!spec.has("securityContext")) {
            spec.putObject("securityContext");
        }
        for (String list : new String[] {"containers", "initContainers"}) {
            for (JsonNode c : spec.path(list)) {
                if (c instanceof ObjectNode container) {
                    container(container);
                }
            }
        }
    }

    private static void container(ObjectNode container) {
        if (!container.has("imagePullPolicy")) {
            container.put("imagePullPolicy", pullPolicyFor(container.path("image").asString("")));
        }
        putIfAbsent(container, "terminationMessagePath", "/dev/termination-log");
        putIfAbsent(container, "terminationMessagePolicy", "File");
        for (JsonNode port : container.path("ports")) {
            if (port instanceof ObjectNode p) {
                putIfAbsent(p, "protocol", "TCP");
            }
        }
    }

    /** Always for {@code :latest} or no tag, otherwise IfNotPresent (a digest pins the image too). */
    static String pullPolicyFor(String image) {
        if (image.contains("@")) {
            return "IfNotPresent";
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        boolean tagged = colon > slash;
        return !tagged || image.substring(colon + 1).equals("latest") ? "Always" : "IfNotPresent";
    }

    private static ObjectNode spec(ObjectNode object) {
        return object.withObjectProperty("spec");
    }

    private static void putIfAbsent(ObjectNode node, String field, Object value) {
        if (node.has(field) && !node.get(field).isNull()) {
            return;
        }
        if (value instanceof Integer i) {
            node.put(field, i);
        } else if (value instanceof Boolean b) {
            node.put(field, b);
        } else {
            node.put(field, String.valueOf(value));
        }
    }
}

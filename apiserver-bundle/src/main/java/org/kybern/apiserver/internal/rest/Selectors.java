package org.kybern.apiserver.internal.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Label selectors ({@code =}, {@code ==}, {@code !=}, {@code in}, {@code notin}, exists,
 * {@code !}exists) and field selectors ({@code =}, {@code ==}, {@code !=} on the fields each
 * kind allows), as the Kubernetes API parses them.
 */
final class Selectors {

    private static final Pattern SET_REQUIREMENT =
            Pattern.compile("\\s*(!?)([A-Za-z0-9./_-]+)\\s*(?:(in|notin)\\s*\\(([^)]*)\\))?\\s*");
    private static final Pattern VALUE_REQUIREMENT =
            Pattern.compile("\\s*([A-Za-z0-9./_-]+)\\s*(==|=|!=)\\s*([A-Za-z0-9._-]*)\\s*");
    private static final Set<String> EVERY_KIND = Set.of("metadata.name", "metadata.namespace");
    private static final Map<String, Set<String>> FIELDS_BY_KIND = Map.of(
            "Pod", Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                    "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"),
            "Event", Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                    "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                    "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"),
            "Secret", Set.of("type"),
            "Node", Set.of("spec.unschedulable"),
            "Namespace", Set.of("status.phase"),
            "ReplicaSet", Set.of("status.replicas"));

    private Selectors() {
    }

    /** The objects a {@code labelSelector} selects; all of them for {@code null} or empty. */
    static Predicate<JsonNode> labels(String selector) {
        if (selector == null || selector.isBlank()) {
            return object -> true;
        }
        List<Predicate<JsonNode>> requirements = new ArrayList<>();
        for (String requirement : splitTopLevel(selector)) {
            requirements.add(labelRequirement(requirement));
        }
        return object -> requirements.stream().allMatch(r -> r.test(object.path("metadata").path("labels")));
    }

    /** The objects a {@code fieldSelector} selects, for fields the kind supports. */
    static Predicate<JsonNode> fields(ResourceType type, String selector) {
        if (selector == null || selector.isBlank()) {
            return object -> true;
        }
        List<Predicate<JsonNode>> requirements = new ArrayList<>();
        for (String requirement : selector.split(",")) {
            Matcher m = VALUE_REQUIREMENT.matcher(requirement);
            if (!m.matches()) {
                throw ApiException.badRequest("invalid field selector \"" + requirement + "\": expected field=value, "
                        + "field==value or field!=value");
            }
            String field = m.group(1);
            if (!EVERY_KIND.contains(field) && !FIELDS_BY_KIND.getOrDefault(type.kind(), Set.of()).contains(field)) {
                throw ApiException.badRequest("field label not supported: " + field);
            }
            boolean equal = !m.group(2).equals("!=");
            String value = m.group(3);
            requirements.add(object -> valueAt(object, field).equals(value) == equal);
        }
        return object -> requirements.stream().allMatch(r -> r.test(object));
    }

    private static Predicate<JsonNode> labelRequirement(String requirement) {
        Matcher byValue = VALUE_REQUIREMENT.matcher(requirement);
        if (byValue.matches()) {
            String key = byValue.group(1);
            boolean equal = !byValue.group(2).equals("!=");
            String value = byValue.group(3);
            return labels -> (labels.has(key) && labels.get(key).asString("").equals(value)) == equal;
        }
        Matcher bySet = SET_REQUIREMENT.matcher(requirement);
        if (bySet.matches()) {
            boolean negated = !bySet.group(1).isEmpty();
            String key = bySet.group(2);
            String operator = bySet.group(3);
            if (operator == null) {
                return labels -> labels.has(key) != negated;
            }
            if (negated) {
                throw unparsable(requirement);
            }
            Set<String> values = Set.copyOf(Arrays.asList(bySet.group(4).trim().split("\\s*,\\s*")));
            boolean in = operator.equals("in");
            return labels -> in ? labels.has(key) && values.contains(labels.get(key).asString(""))
                    : !labels.has(key) || !values.contains(labels.get(key).asString(""));
        }
        throw unparsable(requirement);
    }

    private static String valueAt(JsonNode object, String dotted) {
        JsonNode node = object;
        for (String part : dotted.split("\\.")) {
            node = node.path(part);
        }
        return node.isMissingNode() || node.isNull() ? "" : node.asString("");
    }

    /** Splits on commas outside parentheses: {@code a in (x,y),b} is two requirements. */
    private static List<String> splitTopLevel(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(selector.substring(start));
        return parts;
    }

    private static ApiException unparsable(String requirement) {
        return ApiException.badRequest("unable to parse requirement: \"" + requirement.trim() + "\"");
    }
}

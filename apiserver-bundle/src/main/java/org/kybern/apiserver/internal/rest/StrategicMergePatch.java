package org.kybern.apiserver.internal.rest;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kybern.apiserver.internal.schema.KubeSchema;
import org.kybern.apiserver.internal.schema.KubeSchema.PatchStrategy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' strategic merge patch ({@code application/strategic-merge-patch+json}, what
 * {@code kubectl apply}, {@code edit} and {@code patch} send by default): a JSON merge patch
 * whose lists merge by their {@code patchMergeKey} where the Go type says {@code
 * patchStrategy:"merge"} (containers by name, ports by containerPort …), with the directives
 * {@code $patch} (replace, delete, merge), {@code $retainKeys}, {@code $setElementOrder/<list>}
 * and {@code $deleteFromPrimitiveList/<list>}.
 */
final class StrategicMergePatch {

    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String SET_ORDER = "$setElementOrder/";
    private static final String DELETE_FROM_LIST = "$deleteFromPrimitiveList/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final KubeSchema schema;

    StrategicMergePatch(KubeSchema schema) {
        this.schema = schema;
    }

    /**
     * The object after the patch. {@code type} is the kind's message (empty for a kind without a
     * schema: then every list is replaced, as in a JSON merge patch).
     */
    JsonNode apply(JsonNode original, JsonNode patch, Optional<Descriptor> type) {
        if (!patch.isObject()) {
            throw invalid("a strategic merge patch must be a JSON object, not " + patch.getNodeType());
        }
        ObjectNode result = original != null && original.isObject() ? (ObjectNode) original.deepCopy()
                : NODES.objectNode();
        return mergeMap(result, (ObjectNode) patch, type.orElse(null));
    }

    /** Merges {@code patch} into {@code original} (changed in place and returned); null when deleted. */
    private ObjectNode mergeMap(ObjectNode original, ObjectNode patch, Descriptor type) {
        String directive = patch.path(PATCH).asString("merge");
        switch (directive) {
            case "replace" -> {
                ObjectNode replacement = patch.deepCopy();
                replacement.remove(PATCH);
                return mergeMap(NODES.objectNode(), replacement, type);
            }
            case "delete" -> {
                return null;
            }
            case "merge" -> {
                // the default
            }
            default -> throw invalid("unknown $patch directive \"" + directive + "\"; use replace, delete or merge");
        }
        Map<String, JsonNode> orders = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (key.equals(PATCH) || key.equals(RETAIN_KEYS)) {
                continue;
            }
            if (key.startsWith(SET_ORDER)) {
                orders.put(key.substring(SET_ORDER.length()), value);
            } else if (key.startsWith(DELETE_FROM_LIST)) {
                deleteFromPrimitiveList(original, key.substring(DELETE_FROM_LIST.length()), value);
            } else if (value.isNull()) {
                original.remove(key);
            } else {
                JsonNode merged = mergeValue(original.get(key), value, type, key);
                if (merged == null) {
                    original.remove(key);
                } else {
                    original.set(key, merged);
                }
            }
        }
        orders.forEach((key, order) -> setElementOrder(original, key, order, type));
        JsonNode retain = patch.get(RETAIN_KEYS);
        if (retain != null) {
            if (!retain.isArray()) {
                throw invalid("$retainKeys must be a list of field names");
            }
            Set<String> kept = new HashSet<>();
            retain.forEach(name -> kept.add(name.asString()));
            original.retain(kept);
        }
        return original;
    }

    private JsonNode mergeValue(JsonNode original, JsonNode patch, Descriptor parent, String key) {
        FieldDescriptor field = parent == null ? null : schema.field(parent, key).orElse(null);
        if (patch.isObject()) {
            ObjectNode base = original != null && original.isObject() ? (ObjectNode) original : NODES.objectNode();
            return mergeMap(base, (ObjectNode) patch, objectType(field));
        }
        if (patch.isArray()) {
            return mergeList(original, (ArrayNode) patch, field);
        }
        return patch;
    }

    /** The message an object value is read with: the field's message, or a map's value message. */
    private static Descriptor objectType(FieldDescriptor field) {
        if (field == null || field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            return null;
        }
        Descriptor type = field.getMessageType();
        if (field.isMapField()) {
            return null; // a map's keys are data, not fields; its values are merged as plain objects
        }
        return KubeSchema.isScalar(type) ? null : type;
    }

    private JsonNode mergeList(JsonNode original, ArrayNode patch, FieldDescriptor field) {
        PatchStrategy strategy = field == null ? null : schema.patchStrategy(field);
        List<JsonNode> items = new ArrayList<>();
        boolean replace = strategy == null || !strategy.merges() || original == null || !original.isArray();
        for (JsonNode item : patch) {
            if (item.isObject() && item.size() == 1 && "replace".equals(item.path(PATCH).asString(null))) {
                replace = true;
            } else {
                items.add(item);
            }
        }
        if (replace) {
            ArrayNode result = NODES.arrayNode();
            Descriptor type = objectType(field);
            for (JsonNode item : items) {
                if (item.isObject()) {
                    ObjectNode merged = mergeMap(NODES.objectNode(), (ObjectNode) item, type);
                    if (merged != null) {
                        result.add(merged);
                    }
                } else {
                    result.add(item);
                }
            }
            return result;
        }
        ArrayNode result = ((ArrayNode) original).deepCopy();
        String mergeKey = strategy.mergeKey();
        for (JsonNode item : items) {
            if (!item.isObject() || mergeKey.isEmpty()) {
                if (!contains(result, item)) { // a merged list of scalars is a set
                    result.add(item);
                }
                continue;
            }
            JsonNode key = item.get(mergeKey);
            if (key == null) {
                throw invalid("an item of the list " + field.getName() + " has no merge key " + mergeKey + ": " + item);
            }
            int at = indexOf(result, mergeKey, key);
            ObjectNode base = at >= 0 ? (ObjectNode) result.get(at) : NODES.objectNode();
            ObjectNode merged = mergeMap(base, (ObjectNode) item, objectType(field));
            if (merged == null) {
                if (at >= 0) {
                    result.remove(at);
                }
            } else if (at < 0) {
                result.add(merged);
            }
        }
        return result;
    }

    private static void deleteFromPrimitiveList(ObjectNode original, String key, JsonNode values) {
        if (!values.isArray()) {
            throw invalid(DELETE_FROM_LIST + key + " must be a list");
        }
        JsonNode list = original.get(key);
        if (list instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if (contains((ArrayNode) values, array.get(i))) {
                    array.remove(i);
                }
            }
        }
    }

    /**
     * Orders a merged list as the patch's {@code $setElementOrder} says: its items first in that
     * order, then the items the patch did not mention (the server's own) in their previous order.
     */
    private void setElementOrder(ObjectNode original, String key, JsonNode order, Descriptor type) {
        if (!order.isArray()) {
            throw invalid(SET_ORDER + key + " must be a list");
        }
        if (!(original.get(key) instanceof ArrayNode list)) {
            return;
        }
        FieldDescriptor field = type == null ? null : schema.field(type, key).orElse(null);
        String mergeKey = field == null ? "" : schema.patchStrategy(field).mergeKey();
        List<JsonNode> ordered = new ArrayList<>();
        List<JsonNode> rest = new ArrayList<>();
        list.forEach(rest::add);
        for (JsonNode wanted : order) {
            for (int i = 0; i < rest.size(); i++) {
                JsonNode item = rest.get(i);
                boolean same = mergeKey.isEmpty() || !wanted.isObject() ? item.equals(wanted)
                        : item.isObject() && wanted.get(mergeKey) != null && wanted.get(mergeKey).equals(item.get(mergeKey));
                if (same) {
                    ordered.add(rest.remove(i));
                    break;
                }
            }
        }
        list.removeAll();
        ordered.forEach(list::add);
        rest.forEach(list::add);
    }

    private static boolean contains(ArrayNode list, JsonNode value) {
        for (JsonNode item : list) {
            if (item.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(ArrayNode list, String mergeKey, JsonNode key) {
        for (int i = 0; i < list.size(); i++) {
            if (key.equals(list.get(i).get(mergeKey))) {
                return i;
            }
        }
        return -1;
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("invalid strategic merge patch: " + message);
    }
}

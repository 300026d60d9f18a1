package org.kybern.apiserver.internal.rest;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON merge patch (RFC 7386) and JSON patch (RFC 6902) on Jackson trees. */
final class Patches {

    private Patches() {
    }

    /** RFC 7386: objects merge, {@code null} removes, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target.deepCopy()
                : ((ObjectNode) patch).objectNode();
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

    /** RFC 6902: applies every operation in order; a failing one fails the whole patch. */
    static JsonNode jsonPatch(JsonNode target, JsonNode patch) {
        if (!patch.isArray()) {
            throw invalid("a JSON patch must be an array of operations");
        }
        JsonNode doc = target.deepCopy();
        for (JsonNode op : patch) {
            String name = op.path("op").asString("");
            String path = op.path("path").asString(null);
            if (path == null) {
                throw invalid("operation " + op + " has no path");
            }
            switch (name) {
                case "add" -> doc = add(doc, path, value(op));
                case "remove" -> doc = remove(doc, path);
                case "replace" -> {
                    find(doc, path);
                    doc = add(remove(doc, path), path, value(op));
                }
                case "move" -> {
                    String from = op.path("from").asString("");
                    JsonNode moved = find(doc, from).deepCopy();
                    doc = add(remove(doc, from), path, moved);
                }
                case "copy" -> doc = add(doc, path, find(doc, op.path("from").asString("")).deepCopy());
                case "test" -> {
                    if (!find(doc, path).equals(value(op))) {
                        throw invalid("test operation failed: " + path + " is not " + value(op));
                    }
                }
                default -> throw invalid("unknown JSON patch operation \"" + name + "\"");
            }
        }
        return doc;
    }

    private static JsonNode value(JsonNode op) {
        if (!op.has("value")) {
            throw invalid("operation " + op + " has no value");
        }
        return op.get("value").deepCopy();
    }

    private static JsonNode find(JsonNode doc, String pointer) {
        JsonNode node = doc;
        for (String token : tokens(pointer)) {
            node = node.isArray() ? node.get(index(token, node.size() - 1)) : node.get(token);
            if (node == null) {
                throw invalid("the path " + pointer + " does not exist");
            }
        }
        return node;
    }

    private static JsonNode add(JsonNode doc, String pointer, JsonNode value) {
        String[] tokens = tokens(pointer);
        if (tokens.length == 0) {
            return value;
        }
        JsonNode parent = find(doc, parentOf(pointer));
        String last = tokens[tokens.length - 1];
        if (parent.isObject()) {
            ((ObjectNode) parent).set(last, value);
        } else if (parent.isArray()) {
            ArrayNode array = (ArrayNode) parent;
            if (last.equals("-")) {
                array.add(value);
            } else {
                array.insert(index(last, array.size()), value);
            }
        } else {
            throw invalid("cannot add to " + pointer + ": its parent is not an object or array");
        }
        return doc;
    }

    private static JsonNode remove(JsonNode doc, String pointer) {
        String[] tokens = tokens(pointer);
        if (tokens.length == 0) {
            throw invalid("cannot remove the whole document");
        }
        JsonNode parent = find(doc, parentOf(pointer));
        String last = tokens[tokens.length - 1];
        if (parent.isObject() && parent.has(last)) {
            ((ObjectNode) parent).remove(last);
        } else if (parent.isArray()) {
            ((ArrayNode) parent).remove(index(last, parent.size() - 1));
        } else {
            throw invalid("the path " + pointer + " does not exist");
        }
        return doc;
    }

    private static String[] tokens(String pointer) {
        if (pointer.isEmpty()) {
            return new String[0];
        }
        if (!pointer.startsWith("/")) {
            throw invalid("\"" + pointer + "\" is not a JSON pointer (it must start with /)");
        }
        String[] raw = pointer.substring(1).split("/", -1);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = raw[i].replace("~1", "/").replace("~0", "~");
        }
        return raw;
    }

    private static String parentOf(String pointer) {
        return pointer.substring(0, pointer.lastIndexOf('/'));
    }

    private static int index(String token, int max) {
        try {
            int i = Integer.parseInt(token);
            if (i < 0 || i > max) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw invalid("array index " + token + " is out of range");
        }
    }

    private static ApiException invalid(String message) {
        return new ApiException(422, "Invalid", "the patch cannot be applied: " + message);
    }
}

package org.kybern.apiserver.internal.openapi;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kybern.apiserver.internal.rest.ResourceType;
import org.kybern.apiserver.internal.rest.ResourceTypes;
import org.kybern.apiserver.internal.schema.KubeSchema;
import org.kybern.apiserver.internal.schema.KubeSchema.PatchStrategy;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' OpenAPI v3 documents, one per group version ({@code /openapi/v3/apis/apps/v1} …),
 * made from the kinds Kybern serves and their schema: the paths with their operations and query
 * parameters (kubectl checks for {@code fieldValidation} to validate on the server) and every
 * object's schema with the {@code x-kubernetes-*} extensions kubectl reads (group-version-kind,
 * patch strategy and merge key).
 */
final class OpenApiDocuments {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String REF_PREFIX = "#/components/schemas/";
    private static final List<String> WRITE_PARAMETERS = List.of("dryRun", "fieldManager", "fieldValidation");
    private static final List<String> LIST_PARAMETERS = List.of("allowWatchBookmarks", "continue", "fieldSelector",
            "labelSelector", "limit", "resourceVersion", "resourceVersionMatch", "timeoutSeconds", "watch");

    private final KubeSchema schema;
    private final String version;

    OpenApiDocuments(KubeSchema schema, String version) {
        this.schema = schema;
        this.version = version;
    }

    /** The URL path of each group version's document: {@code api/v1}, {@code apis/apps/v1} …. */
    static Map<String, List<ResourceType>> groupVersions() {
        Map<String, List<ResourceType>> paths = new LinkedHashMap<>();
        for (ResourceType type : ResourceTypes.all()) {
            String path = type.group().isEmpty() ? "api/" + type.version() : "apis/" + type.groupVersion();
            paths.computeIfAbsent(path, p -> new java.util.ArrayList<>()).add(type);
        }
        return paths;
    }

    /** The document of one group version. */
    ObjectNode document(List<ResourceType> types) {
        ObjectNode doc = NODES.objectNode();
        doc.put("openapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Kubernetes");
        info.put("version", version);
        ObjectNode paths = doc.putObject("paths");
        ObjectNode schemas = doc.putObject("components").putObject("schemas");
        for (ResourceType type : types) {
            Descriptor kind = schema.kind(type.groupVersion(), type.kind()).orElse(null);
            Descriptor list = schema.kind(type.groupVersion(), type.kind() + "List").orElse(null);
            if (kind == null || list == null) {
                continue; // every kind served has both; a missing one would show in OpenApiDocumentsTest
            }
            String ref = addSchema(kind, schemas, type.group(), type.version(), type.kind());
            String listRef = addSchema(list, schemas, type.group(), type.version(), type.kind() + "List");
            addPaths(paths, type, ref, listRef, schemas);
        }
        return doc;
    }

    private void addPaths(ObjectNode paths, ResourceType type, String ref, String listRef, ObjectNode schemas) {
        String prefix = type.group().isEmpty() ? "/api/" + type.version() : "/apis/" + type.groupVersion();
        String collection = type.namespaced() ? prefix + "/namespaces/{namespace}/" + type.resource()
                : prefix + "/" + type.resource();
        ObjectNode gvk = gvk(type.group(), type.version(), type.kind());
        ObjectNode items = paths.putObject(collection);
        pathParameters(items, type.namespaced(), false);
        items.set("get", operation("list", gvk, LIST_PARAMETERS, null, listRef));
        items.set("post", operation("post", gvk, WRITE_PARAMETERS, ref, ref));
        items.set("delete", operation("deletecollection", gvk, List.of("dryRun", "labelSelector", "fieldSelector"),
                null, null));
        ObjectNode item = readWrite(paths, collection + "/{name}", type.namespaced(), gvk, ref);
        item.set("delete", operation("delete", gvk, List.of("dryRun", "gracePeriodSeconds", "propagationPolicy"),
                null, ref));
        if (type.namespaced()) {
            paths.putObject(prefix + "/" + type.resource()).set("get",
                    operation("list", gvk, LIST_PARAMETERS, null, listRef));
        }
        if (type.subresources().contains("status")) {
            readWrite(paths, collection + "/{name}/status", type.namespaced(), gvk, ref);
        }
        Optional<Descriptor> scale = schema.kind("autoscaling/v1", "Scale");
        if (type.subresources().contains("scale") && scale.isPresent()) {
            readWrite(paths, collection + "/{name}/scale", type.namespaced(), gvk("autoscaling", "v1", "Scale"),
                    addSchema(scale.get(), schemas, "autoscaling", "v1", "Scale"));
        }
    }

    /** A path of one object (or its subresource) with get, put and patch. */
    private static ObjectNode readWrite(ObjectNode paths, String path, boolean namespaced, ObjectNode gvk, String ref) {
        ObjectNode item = paths.putObject(path);
        pathParameters(item, namespaced, true);
        item.set("get", operation("get", gvk, List.of(), null, ref));
        item.set("put", operation("put", gvk, WRITE_PARAMETERS, ref, ref));
        item.set("patch", operation("patch", gvk, List.of("dryRun", "fieldManager", "fieldValidation", "force"),
                "patch", ref));
        return item;
    }

    private static void pathParameters(ObjectNode path, boolean namespaced, boolean named) {
        ArrayNode parameters = path.putArray("parameters");
        if (named) {
            parameters.add(parameter("name", "path", true));
        }
        if (namespaced) {
            parameters.add(parameter("namespace", "path", true));
        }
        parameters.add(parameter("pretty", "query", false));
    }

    /** An operation; {@code body} is a schema reference, "patch" for a patch document, or null for none. */
    private static ObjectNode operation(String action, ObjectNode gvk, List<String> query, String body, String answer) {
        ObjectNode op = NODES.objectNode();
        op.put("x-kubernetes-action", action);
        op.set("x-kubernetes-group-version-kind", gvk.deepCopy());
        ArrayNode parameters = op.putArray("parameters");
        query.forEach(name -> parameters.add(parameter(name, "query", false)));
        if (body != null) {
            ObjectNode content = op.putObject("requestBody").put("required", true).putObject("content");
            if (body.equals("patch")) {
                for (String type : List.of("application/json-patch+json", "application/merge-patch+json",
                        "application/strategic-merge-patch+json")) {
                    content.putObject(type).putObject("schema").put("type", "object");
                }
            } else {
                content.putObject("*/*").putObject("schema").put("$ref", body);
            }
        }
        ObjectNode ok = op.putObject("responses").putObject("200");
        ok.put("description", "OK");
        ObjectNode schema = ok.putObject("content").putObject("application/json").putObject("schema");
        if (answer != null) {
            schema.put("$ref", answer);
        } else {
            schema.put("type", "object");
        }
        return op;
    }

    private static ObjectNode parameter(String name, String in, boolean required) {
        ObjectNode parameter = NODES.objectNode();
        parameter.put("name", name);
        parameter.put("in", in);
        if (required) {
            parameter.put("required", true);
        }
        String type = switch (name) {
            case "allowWatchBookmarks", "watch", "force" -> "boolean";
            case "limit", "timeoutSeconds", "gracePeriodSeconds" -> "integer";
            default -> "string";
        };
        parameter.putObject("schema").put("type", type);
        parameter.put("uniqueItems", true);
        return parameter;
    }

    private static ObjectNode gvk(String group, String version, String kind) {
        ObjectNode gvk = NODES.objectNode();
        gvk.put("group", group);
        gvk.put("version", version);
        gvk.put("kind", kind);
        return gvk;
    }

    /** Adds the message's schema (and those it refers to) and returns its reference. */
    private String addSchema(Descriptor message, ObjectNode schemas, String group, String version, String kind) {
        String ref = addSchema(message, schemas);
        ObjectNode top = (ObjectNode) schemas.get(name(message));
        if (!top.has("x-kubernetes-group-version-kind")) {
            ObjectNode properties = (ObjectNode) top.get("properties");
            properties.putObject("apiVersion").put("type", "string");
            properties.putObject("kind").put("type", "string");
            top.putArray("x-kubernetes-group-version-kind").add(gvk(group, version, kind));
        }
        return ref;
    }

    private String addSchema(Descriptor message, ObjectNode schemas) {
        String name = name(message);
        if (!schemas.has(name)) {
            ObjectNode object = schemas.putObject(name); // present before its fields: types may refer to themselves
            if (KubeSchema.isScalar(message)) {
                object.setAll(scalarMessage(message));
            } else {
                object.put("type", "object");
                ObjectNode properties = object.putObject("properties");
                for (Map.Entry<String, FieldDescriptor> field : schema.fields(message).entrySet()) {
                    properties.set(field.getKey(), field(field.getValue(), schemas));
                }
            }
        }
        return REF_PREFIX + name;
    }

    private ObjectNode field(FieldDescriptor field, ObjectNode schemas) {
        if (field.isMapField()) {
            ObjectNode map = NODES.objectNode().put("type", "object");
            map.set("additionalProperties", value(field.getMessageType().findFieldByNumber(2), schemas));
            return map;
        }
        if (field.isRepeated()) {
            ObjectNode list = NODES.objectNode().put("type", "array");
            list.set("items", value(field, schemas));
            PatchStrategy patch = schema.patchStrategy(field);
            if (!patch.strategy().isEmpty()) {
                list.put("x-kubernetes-patch-strategy", patch.strategy());
            }
            if (!patch.mergeKey().isEmpty()) {
                list.put("x-kubernetes-patch-merge-key", patch.mergeKey());
            }
            return list;
        }
        ObjectNode value = value(field, schemas);
        PatchStrategy patch = schema.patchStrategy(field);
        if (!patch.strategy().isEmpty()) {
            value = NODES.objectNode().set("allOf", NODES.arrayNode().add(value));
            value.put("x-kubernetes-patch-strategy", patch.strategy());
        }
        return value;
    }

    private ObjectNode value(FieldDescriptor field, ObjectNode schemas) {
        ObjectNode value = NODES.objectNode();
        switch (field.getJavaType()) {
            case STRING -> value.put("type", "string");
            case BOOLEAN -> value.put("type", "boolean");
            case INT -> value.put("type", "integer").put("format", "int32");
            case LONG -> value.put("type", "integer").put("format", "int64");
            case FLOAT, DOUBLE -> value.put("type", "number").put("format", "double");
            case BYTE_STRING -> value.put("type", "string").put("format", "byte");
            case MESSAGE -> value.put("$ref", addSchema(field.getMessageType(), schemas));
            default -> value.put("type", "string");
        }
        return value;
    }

    /** The types Kubernetes writes as a string, a number or an embedded document. */
    private static ObjectNode scalarMessage(Descriptor message) {
        ObjectNode value = NODES.objectNode();
        String name = message.getName();
        switch (name) {
            case "Time", "MicroTime" -> value.put("type", "string").put("format", "date-time");
            case "Quantity", "Duration" -> value.put("type", "string");
            case "IntOrString" -> value.put("type", "string").put("format", "int-or-string")
                    .put("x-kubernetes-int-or-string", true);
            default -> value.put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
        }
        return value;
    }

    /** Kubernetes' definition name: {@code io.k8s.api.apps.v1.Deployment}. */
    static String name(Descriptor message) {
        return message.getFullName().replaceFirst("^k8s\\.io\\.", "io.k8s.").replace("apiextensions_apiserver",
                "apiextensions-apiserver");
    }
}

package org.kybern.apiserver.internal.schema;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds and removes the fields a built-in kind does not have, as Kubernetes' decoder does: it
 * drops them, and with {@code fieldValidation=Strict} (what kubectl sends) refuses the request
 * naming each one ({@code unknown field "spec.replica"}).
 */
public final class UnknownFields {

    private final KubeSchema schema;

    public UnknownFields(KubeSchema schema) {
        this.schema = schema;
    }

    /**
     * Removes every unknown field from the object (of the kind whose message is given) and
     * returns their paths, e.g. {@code spec.template.spec.containers[0].imagePullPolice}.
     */
    public List<String> prune(Descriptor kind, ObjectNode object) {
        List<String> unknown = new ArrayList<>();
        pruneMessage(kind, object, "", true, unknown);
        return unknown;
    }

    private void pruneMessage(Descriptor message, ObjectNode object, String path, boolean top, List<String> unknown) {
        Map<String, FieldDescriptor> fields = schema.fields(message);
        for (String name : new ArrayList<>(object.propertyNames())) {
            if (top && (name.equals("apiVersion") || name.equals("kind"))) {
                continue;
            }
            FieldDescriptor field = fields.get(name);
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            if (field == null) {
                unknown.add(fieldPath);
                object.remove(name);
            } else {
                pruneValue(field, object.get(name), fieldPath, unknown);
            }
        }
    }

    private void pruneValue(FieldDescriptor field, JsonNode value, String path, List<String> unknown) {
        if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || value == null || value.isNull()) {
            return;
        }
        if (field.isMapField()) {
            FieldDescriptor values = field.getMessageType().findFieldByNumber(2);
            if (value instanceof ObjectNode map) {
                map.properties().forEach(entry -> pruneValue(values, entry.getValue(), path + "[" + entry.getKey() + "]",
                        unknown));
            }
            return;
        }
        Descriptor type = field.getMessageType();
        if (KubeSchema.isScalar(type)) {
            return;
        }
        if (field.isRepeated() && value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                if (value.get(i) instanceof ObjectNode item) {
                    pruneMessage(type, item, path + "[" + i + "]", false, unknown);
                }
            }
        } else if (value instanceof ObjectNode object) {
            pruneMessage(type, object, path, false, unknown);
        }
    }
}

package org.kybern.apiserver.internal.schema;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a Kubernetes protobuf body ({@code application/vnd.kubernetes.protobuf}: the bytes
 * {@code k8s\0}, then a {@code runtime.Unknown} naming apiVersion and kind around the object's own
 * encoding) into the object's Kubernetes JSON, as Kubernetes' Go types would write it. kubectl's
 * typed commands ({@code create namespace}, {@code create deployment} …) send these.
 */
public final class ProtobufDecoder {

    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};
    private static final String META = KubeSchema.META;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter MICROSECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** A body that is not a Kubernetes protobuf object this server can read; the message says why. */
    public static final class UnreadableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableException(String message) {
            super(message);
        }
    }

    private final KubeSchema schema;
    private final JsonMapper json;

    public ProtobufDecoder(KubeSchema schema, JsonMapper json) {
        this.schema = schema;
        this.json = json;
    }

    static boolean isEnvelope(byte[] body) {
        return body.length >= MAGIC.length && Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** The body's object as Kubernetes JSON, with its kind and apiVersion. */
    public ObjectNode decode(byte[] body) throws UnreadableException {
        if (!isEnvelope(body)) {
            throw new UnreadableException("the body does not start with the Kubernetes protobuf prefix k8s\\0");
        }
        try {
            Descriptor envelope = schema.envelope();
            DynamicMessage unknown = DynamicMessage.parseFrom(envelope,
                    CodedInputStream.newInstance(body, MAGIC.length, body.length - MAGIC.length));
            String encoding = (String) unknown.getField(envelope.findFieldByName("contentEncoding"));
            if (!encoding.isEmpty()) {
                throw new UnreadableException("the content encoding " + encoding + " is not supported");
            }
            Message typeMeta = (Message) unknown.getField(envelope.findFieldByName("typeMeta"));
            String apiVersion = (String) typeMeta.getField(typeMeta.getDescriptorForType().findFieldByName("apiVersion"));
            String kind = (String) typeMeta.getField(typeMeta.getDescriptorForType().findFieldByName("kind"));
            Descriptor type = schema.kind(apiVersion, kind).orElseThrow(() -> new UnreadableException(
                    "no protobuf schema for apiVersion " + apiVersion + ", kind " + kind + "; send JSON instead"));
            DynamicMessage object = DynamicMessage.parseFrom(type,
                    (ByteString) unknown.getField(envelope.findFieldByName("raw")));
            ObjectNode out = NODES.objectNode();
            out.put("kind", kind);
            out.put("apiVersion", apiVersion);
            writeFields(object, out);
            return out;
        } catch (IOException e) { // InvalidProtocolBufferException, from a byte array
            throw new UnreadableException("the protobuf body is malformed: " + e.getMessage());
        }
    }

    private void writeFields(Message message, ObjectNode out) throws UnreadableException {
        if (!message.getUnknownFields().asMap().isEmpty()) {
            // Fields newer than our descriptors cannot be named: refuse rather than drop data.
            throw new UnreadableException("unknown protobuf fields " + message.getUnknownFields().asMap().keySet()
                    + " in " + message.getDescriptorForType().getFullName() + "; send JSON instead");
        }
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            KubeSchema.GoField go = schema.goField(field);
            if (field.isMapField()) {
                if (message.getRepeatedFieldCount(field) > 0) {
                    ObjectNode map = out.putObject(go.json());
                    for (Object e : (List<?>) message.getField(field)) {
                        Message entry = (Message) e;
                        FieldDescriptor key = entry.getDescriptorForType().findFieldByNumber(1);
                        FieldDescriptor value = entry.getDescriptorForType().findFieldByNumber(2);
                        map.set(String.valueOf(entry.getField(key)), value(value, entry.getField(value)));
                    }
                }
            } else if (field.isRepeated()) {
                if (message.getRepeatedFieldCount(field) > 0) {
                    ArrayNode list = out.putArray(go.json());
                    for (Object v : (List<?>) message.getField(field)) {
                        list.add(value(field, v));
                    }
                }
            } else if (message.hasField(field)) { // proto2 presence: Go wrote it (a value, or a non-nil pointer)
                Object v = message.getField(field);
                if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                    Message sub = (Message) v;
                    if (go.omitZero() && sub.getAllFields().isEmpty()) {
                        continue;
                    }
                    if (go.embedded()) {
                        writeFields(sub, out);
                    } else {
                        out.set(go.json(), value(field, v));
                    }
                } else if (go.pointer() || !go.omitEmpty() || !isZero(v)) {
                    out.set(go.json(), value(field, v));
                }
            }
        }
    }

    private static boolean isZero(Object v) {
        return v instanceof String s ? s.isEmpty()
                : v instanceof Boolean b ? !b
                : v instanceof Number n ? n.doubleValue() == 0
                : v instanceof ByteString bytes && bytes.isEmpty();
    }

    private JsonNode value(FieldDescriptor field, Object v) throws UnreadableException {
        return switch (field.getJavaType()) {
            case STRING -> NODES.stringNode((String) v);
            case BOOLEAN -> NODES.booleanNode((Boolean) v);
            case INT -> NODES.numberNode((Integer) v);
            case LONG -> NODES.numberNode((Long) v); // a JSON number, as Go writes int64
            case FLOAT, DOUBLE -> {
                double d = ((Number) v).doubleValue();
                yield d == Math.rint(d) && Math.abs(d) < 1e15 ? NODES.numberNode((long) d) : NODES.numberNode(d);
            }
            case BYTE_STRING -> NODES.stringNode(Base64.getEncoder().encodeToString(((ByteString) v).toByteArray()));
            case MESSAGE -> message((Message) v);
            default -> throw new UnreadableException("unsupported protobuf field type " + field.getType() + " of "
                    + field.getFullName());
        };
    }

    /** A message's JSON; the types Go writes in a form of their own are handled here. */
    private JsonNode message(Message m) throws UnreadableException {
        Descriptor type = m.getDescriptorForType();
        String name = type.getFullName();
        switch (name) {
            case META + "Time" -> {
                return m.getAllFields().isEmpty() ? NODES.nullNode()
                        : NODES.stringNode(Instant.ofEpochSecond(longField(m, "seconds")).toString());
            }
            case META + "MicroTime" -> {
                return m.getAllFields().isEmpty() ? NODES.nullNode() : NODES.stringNode(MICROSECONDS.format(
                        Instant.ofEpochSecond(longField(m, "seconds"), longField(m, "nanos"))));
            }
            case META + "Duration" -> {
                return NODES.stringNode(GoDuration.format(longField(m, "duration")));
            }
            case META + "FieldsV1" -> {
                return embedded(bytesField(m, "Raw"));
            }
            case "k8s.io.apimachinery.pkg.api.resource.Quantity" -> {
                return NODES.stringNode((String) m.getField(type.findFieldByName("string")));
            }
            case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" -> {
                return longField(m, "type") == 1 ? NODES.stringNode((String) m.getField(type.findFieldByName("strVal")))
                        : NODES.numberNode((int) longField(m, "intVal"));
            }
            case "k8s.io.apimachinery.pkg.runtime.RawExtension" -> {
                return embedded(bytesField(m, "raw"));
            }
            default -> {
                if (name.startsWith("k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.")) {
                    JsonNode special = apiextensions(m);
                    if (special != null) {
                        return special;
                    }
                }
                ObjectNode object = NODES.objectNode();
                writeFields(m, object);
                return object;
            }
        }
    }

    /** The union types of CustomResourceDefinition schemas, or null for the others. */
    private JsonNode apiextensions(Message m) throws UnreadableException {
        Descriptor type = m.getDescriptorForType();
        switch (type.getName()) {
            case "JSON" -> {
                return embedded(bytesField(m, "raw"));
            }
            case "JSONSchemaPropsOrArray" -> {
                FieldDescriptor schemas = type.findFieldByName("jSONSchemas");
                if (m.getRepeatedFieldCount(schemas) == 0) {
                    return messageOrNull(m, "schema");
                }
                ArrayNode list = NODES.arrayNode();
                for (Object s : (List<?>) m.getField(schemas)) {
                    list.add(message((Message) s));
                }
                return list;
            }
            case "JSONSchemaPropsOrBool" -> {
                return m.hasField(type.findFieldByName("schema")) ? messageOrNull(m, "schema")
                        : NODES.booleanNode((Boolean) m.getField(type.findFieldByName("allows")));
            }
            case "JSONSchemaPropsOrStringArray" -> {
                FieldDescriptor property = type.findFieldByName("property");
                if (m.getRepeatedFieldCount(property) == 0) {
                    return messageOrNull(m, "schema");
                }
                ArrayNode list = NODES.arrayNode();
                for (Object s : (List<?>) m.getField(property)) {
                    list.add((String) s);
                }
                return list;
            }
            default -> {
                return null;
            }
        }
    }

    private JsonNode messageOrNull(Message m, String field) throws UnreadableException {
        FieldDescriptor f = m.getDescriptorForType().findFieldByName(field);
        return m.hasField(f) ? message((Message) m.getField(f)) : NODES.nullNode();
    }

    /** An embedded document: JSON as a rule, or a nested protobuf object. */
    private JsonNode embedded(ByteString raw) throws UnreadableException {
        if (raw.isEmpty()) {
            return NODES.nullNode();
        }
        byte[] bytes = raw.toByteArray();
        if (isEnvelope(bytes)) {
            return decode(bytes);
        }
        try {
            return json.readTree(bytes);
        } catch (JacksonException e) {
            throw new UnreadableException("an embedded document is neither JSON nor protobuf: " + e.getOriginalMessage());
        }
    }

    private static long longField(Message m, String name) {
        return ((Number) m.getField(m.getDescriptorForType().findFieldByName(name))).longValue();
    }

    private static ByteString bytesField(Message m, String name) {
        return (ByteString) m.getField(m.getDescriptorForType().findFieldByName(name));
    }
}

package org.kybern.apiserver.internal.schema;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;

/**
 * The shape of Kubernetes' built-in kinds: their protobuf descriptors (from
 * {@code io.kubernetes:client-java-proto}) plus the facts of Kubernetes' Go types that the
 * descriptors do not carry — each field's JSON name, whether it is a Go pointer, omitted when
 * empty or embedded, and its strategic-merge-patch strategy and merge key. Read from resources
 * made by {@code src/build/kube-schema} (see its README). One instance serves the bundle (a
 * component: reading the resources takes a few hundred milliseconds).
 */
@Component(service = KubeSchema.class)
public final class KubeSchema {

    static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";

    /** What Go says of one field; a field without an entry has its proto name, omitempty, no pointer. */
    record GoField(String json, boolean pointer, boolean omitEmpty, boolean omitZero, boolean embedded) {
    }

    /** A field's {@code patchStrategy} ("merge", "replace", "retainKeys", "merge,retainKeys") and {@code patchMergeKey}. */
    public record PatchStrategy(String strategy, String mergeKey) {
        static final PatchStrategy NONE = new PatchStrategy("", "");

        public boolean merges() {
            return strategy.contains("merge");
        }

        public boolean retainsKeys() {
            return strategy.contains("retainKeys");
        }
    }

    private final Map<String, Descriptor> kinds = new HashMap<>();
    private final Map<String, GoField> goFields;
    private final Map<String, PatchStrategy> patchStrategies;
    private final Map<Descriptor, Map<String, FieldDescriptor>> byJsonName = new ConcurrentHashMap<>();
    private final Descriptor unknown;

    /** The schema from this bundle's resources. */
    public KubeSchema() {
        this(resource("kube-descriptors.pb"), goFields(resource("go-fields.tsv")),
                patchStrategies(resource("patch-strategies.tsv")));
    }

    private KubeSchema(InputStream descriptorSet, Map<String, GoField> goFields,
            Map<String, PatchStrategy> patchStrategies) {
        this.goFields = goFields;
        this.patchStrategies = patchStrategies;
        Map<String, FileDescriptor> built = new HashMap<>();
        try (InputStream in = descriptorSet) {
            for (FileDescriptorProto file : FileDescriptorSet.parseFrom(in).getFileList()) {
                FileDescriptor[] dependencies = file.getDependencyList().stream().map(built::get)
                        .toArray(FileDescriptor[]::new);
                FileDescriptor descriptor = FileDescriptor.buildFrom(file, dependencies);
                built.put(file.getName(), descriptor);
                String pkg = descriptor.getPackage();
                boolean meta = pkg.endsWith(".meta.v1");
                if (pkg.startsWith("k8s.io.apimachinery.") && !meta) {
                    continue;
                }
                for (Descriptor type : descriptor.getMessageTypes()) {
                    kinds.putIfAbsent(key(apiVersion(pkg), type.getName()), type);
                }
            }
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException("the Kubernetes protobuf descriptors do not fit together", e);
        } catch (IOException e) {
            throw new UncheckedIOException("the Kubernetes protobuf descriptors cannot be read", e);
        }
        unknown = built.get("k8s.io/apimachinery/pkg/runtime/generated.proto").findMessageTypeByName("Unknown");
        for (String metaKind : List.of("DeleteOptions", "Status", "ListOptions")) {
            kinds.putIfAbsent(key("v1", metaKind), kinds.get(key("meta.k8s.io/v1", metaKind)));
        }
    }

    private static InputStream resource(String name) {
        InputStream in = KubeSchema.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("this bundle lacks its resource " + name);
        }
        return in;
    }

    /** The message of a kind, e.g. ("apps/v1", "Deployment"). */
    public Optional<Descriptor> kind(String apiVersion, String kind) {
        return Optional.ofNullable(kinds.get(key(apiVersion, kind)));
    }

    /** {@code runtime.Unknown}, the envelope of every protobuf body. */
    Descriptor envelope() {
        return unknown;
    }

    GoField goField(FieldDescriptor field) {
        GoField go = goFields.get(field.getContainingType().getFullName() + "." + field.getName());
        return go != null ? go : new GoField(field.getName(), false, true, false, false);
    }

    /** A field's strategic-merge-patch facts. */
    public PatchStrategy patchStrategy(FieldDescriptor field) {
        return patchStrategies.getOrDefault(field.getContainingType().getFullName() + "." + field.getName(),
                PatchStrategy.NONE);
    }

    /**
     * The field a JSON key of this message names, looking through embedded structs (whose fields
     * appear in their parent's JSON), or empty when the message has no such field.
     */
    public Optional<FieldDescriptor> field(Descriptor message, String jsonName) {
        return Optional.ofNullable(fields(message).get(jsonName));
    }

    /** Every field of the message by its JSON name, those of embedded structs included, in declaration order. */
    public Map<String, FieldDescriptor> fields(Descriptor message) {
        return byJsonName.computeIfAbsent(message, this::jsonFields);
    }

    private Map<String, FieldDescriptor> jsonFields(Descriptor message) {
        Map<String, FieldDescriptor> fields = new LinkedHashMap<>();
        for (FieldDescriptor field : message.getFields()) {
            GoField go = goField(field);
            if (go.embedded() && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                fields.putAll(jsonFields(field.getMessageType()));
            } else {
                fields.put(go.json(), field);
            }
        }
        return Collections.unmodifiableMap(fields);
    }

    /**
     * Whether values of this message have a JSON form of their own (a string, number or embedded
     * document) rather than an object of fields: times, quantities, int-or-strings, raw JSON.
     */
    public static boolean isScalar(Descriptor message) {
        String name = message.getFullName();
        return name.equals(META + "Time") || name.equals(META + "MicroTime") || name.equals(META + "Duration")
                || name.equals(META + "FieldsV1") || name.equals("k8s.io.apimachinery.pkg.api.resource.Quantity")
                || name.equals("k8s.io.apimachinery.pkg.util.intstr.IntOrString")
                || name.equals("k8s.io.apimachinery.pkg.runtime.RawExtension")
                || name.startsWith("k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.")
                        && (name.endsWith(".JSON") || name.contains(".JSONSchemaPropsOr"));
    }

    /** A proto package's apiVersion: {@code k8s.io.api.rbac.v1} → {@code rbac.authorization.k8s.io/v1}, core → {@code v1}. */
    static String apiVersion(String pkg) {
        String[] parts = pkg.split("\\.");
        String version = parts[parts.length - 1];
        String name = parts[parts.length - 2];
        String group = switch (name) {
            case "core" -> "";
            case "meta" -> "meta.k8s.io";
            case "apps", "batch", "autoscaling", "policy", "extensions" -> name;
            case "rbac" -> "rbac.authorization.k8s.io";
            case "flowcontrol" -> "flowcontrol.apiserver.k8s.io";
            case "apiserverinternal" -> "internal.apiserver.k8s.io";
            default -> name + ".k8s.io";
        };
        return group.isEmpty() ? version : group + "/" + version;
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + "/" + kind;
    }

    private static Map<String, GoField> goFields(InputStream in) {
        Map<String, GoField> fields = new HashMap<>();
        for (String[] row : rows(in)) {
            String flags = row[2];
            fields.put(row[0], new GoField(row[1], flags.contains("P"), !flags.contains("N"), flags.contains("Z"),
                    flags.contains("I")));
        }
        return Collections.unmodifiableMap(fields);
    }

    private static Map<String, PatchStrategy> patchStrategies(InputStream in) {
        Map<String, PatchStrategy> strategies = new HashMap<>();
        for (String[] row : rows(in)) {
            strategies.put(row[0], new PatchStrategy(row[1], row[2]));
        }
        return strategies;
    }

    private static List<String[]> rows(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.split("\t", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("a Kubernetes schema table cannot be read", e);
        }
    }
}

package org.kybern.apiserver.internal.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Admissionregistration;
import io.kubernetes.client.proto.V1Apiextensions;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Coordination;
import io.kubernetes.client.proto.V1Discovery;
import io.kubernetes.client.proto.V1Events;
import io.kubernetes.client.proto.V1Flowcontrol;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Node;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Resource;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import io.kubernetes.client.proto.V1beta1Apiextensions;
import io.kubernetes.client.proto.V2Autoscaling;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The descriptor set in our resources is exactly what the pinned {@code client-java-proto}
 * holds, so bumping that artifact without regenerating fails here. Regenerate with
 * {@code mvn -pl apiserver-bundle test -Dtest=KubeDescriptorSetTest -Dkube-schema.write=true}.
 */
class KubeDescriptorSetTest {

    @Test
    void resourceMatchesClientJavaProto() throws Exception {
        byte[] expected = descriptorSet();
        if (Boolean.getBoolean("kube-schema.write")) {
            Files.write(Path.of("src/main/resources/org/kybern/apiserver/internal/schema/kube-descriptors.pb"), expected);
        }
        try (InputStream in = KubeSchema.class.getResourceAsStream("kube-descriptors.pb")) {
            assertArrayEquals(expected, in.readAllBytes(), "kube-descriptors.pb is stale; regenerate it (see this test's"
                    + " comment) and the Go facts (src/build/kube-schema/README.md)");
        }
    }

    /** Every file of the Kubernetes API groups, each after the files it depends on. */
    private static byte[] descriptorSet() {
        FileDescriptor[] roots = {V1.getDescriptor(), V1Apps.getDescriptor(), V1Batch.getDescriptor(),
            V1Autoscaling.getDescriptor(), V2Autoscaling.getDescriptor(), V1Policy.getDescriptor(),
            V1Rbac.getDescriptor(), V1Networking.getDescriptor(), V1Storage.getDescriptor(),
            V1Scheduling.getDescriptor(), V1Coordination.getDescriptor(), V1Discovery.getDescriptor(),
            V1Events.getDescriptor(), V1Certificates.getDescriptor(), V1Admissionregistration.getDescriptor(),
            V1Apiextensions.getDescriptor(), V1Authentication.getDescriptor(), V1Authorization.getDescriptor(),
            V1Flowcontrol.getDescriptor(), V1Node.getDescriptor(), V1Resource.getDescriptor(),
            V1beta1Apiextensions.getDescriptor(), Meta.getDescriptor()};
        Map<String, FileDescriptor> ordered = new LinkedHashMap<>();
        for (FileDescriptor root : roots) {
            add(root, ordered);
        }
        FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
        ordered.values().forEach(file -> set.addFile(file.toProto()));
        return set.build().toByteArray();
    }

    private static void add(FileDescriptor file, Map<String, FileDescriptor> ordered) {
        if (!ordered.containsKey(file.getName())) {
            file.getDependencies().forEach(dependency -> add(dependency, ordered));
            ordered.put(file.getName(), file);
        }
    }
}

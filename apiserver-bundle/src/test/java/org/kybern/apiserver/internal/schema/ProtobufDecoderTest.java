package org.kybern.apiserver.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bodies kubectl 1.32 sent for {@code kubectl create <kind> …} (captured from the wire), each
 * decoded and compared with what the same command prints with {@code --dry-run=client -o json}.
 */
class ProtobufDecoderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ProtobufDecoder DECODER = new ProtobufDecoder(new KubeSchema(), JSON);

    @ParameterizedTest
    @ValueSource(strings = {"namespaces", "configmaps", "deployments", "services", "secrets", "jobs",
        "cronjobs", "ingresses", "roles", "priorityclasses", "poddisruptionbudgets", "resourcequotas",
        "serviceaccounts", "clusterrolebindings"})
    void decodesWhatKubectlSentAsKubectlPrintsIt(String resource) throws Exception {
        JsonNode expected = withoutNulls(JSON.readTree(fixture(resource + ".json")));

        ObjectNode decoded = DECODER.decode(fixture(resource + ".bin").readAllBytes());

        // kubectl prints creationTimestamp: null for the zero time; Go does not send the zero time.
        assertEquals(expected, withoutNulls(decoded));
    }

    @Test
    void keepsAZeroThatGoWritesBecauseTheFieldIsAPointer() throws Exception {
        ObjectNode deployment = DECODER.decode(fixture("deployments.bin").readAllBytes());

        assertEquals(0, deployment.path("spec").path("replicas").asInt(-1), deployment.toString());
    }

    @Test
    void refusesABodyWithoutTheKubernetesPrefix() {
        var e = assertThrows(ProtobufDecoder.UnreadableException.class, () -> DECODER.decode(new byte[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("k8s\\0"), e.getMessage());
    }

    @Test
    void refusesATruncatedBody() throws Exception {
        byte[] body = fixture("deployments.bin").readAllBytes();

        var e = assertThrows(ProtobufDecoder.UnreadableException.class,
                () -> DECODER.decode(Arrays.copyOf(body, body.length - 7)));
        assertTrue(e.getMessage().contains("malformed"), e.getMessage());
    }

    @Test
    void formatsDurationsAsGo() {
        assertEquals("0s", GoDuration.format(0));
        assertEquals("1m30s", GoDuration.format(90_000_000_000L));
        assertEquals("1.5ms", GoDuration.format(1_500_000L));
        assertEquals("2h0m0.25s", GoDuration.format(7_200_250_000_000L));
    }

    private static InputStream fixture(String name) throws IOException {
        InputStream in = ProtobufDecoderTest.class.getResourceAsStream("kubectl/" + name);
        if (in == null) {
            throw new IOException("no fixture " + name);
        }
        return in;
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String key : new ArrayList<>(object.propertyNames())) {
                if (object.get(key).isNull()) {
                    object.remove(key);
                } else {
                    withoutNulls(object.get(key));
                }
            }
        } else if (node.isArray()) {
            node.forEach(ProtobufDecoderTest::withoutNulls);
        }
        return node;
    }
}

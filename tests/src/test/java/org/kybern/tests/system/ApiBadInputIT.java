package org.kybern.tests.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad requests over real HTTP get a 4xx Kubernetes {@code Status} that says what is wrong, never
 * a 5xx; and the YAML a user might send with curl is understood.
 */
@ExtendWith(SharedCluster.class)
class ApiBadInputIT {

    private static KybernCluster cluster;
    private static HttpClient http;

    @BeforeAll
    static void up() throws Exception {
        cluster = SharedCluster.get();
        http = cluster.httpClient();
    }

    @Test
    void malformedBodies() throws Exception {
        assertStatus(send("POST", "/api/v1/namespaces/default/configmaps", "application/json", "{\"metadata\":"),
                400, "BadRequest", "not valid JSON");
        assertStatus(send("POST", "/api/v1/namespaces/default/configmaps", "application/yaml", "metadata: [name"),
                400, "BadRequest", "not valid YAML");
        assertStatus(send("POST", "/api/v1/namespaces/default/configmaps", "application/json", "[1,2]"),
                400, "BadRequest", "must be an object");
        assertStatus(send("POST", "/api/v1/namespaces/default/configmaps", "text/plain", "hello"),
                415, "UnsupportedMediaType", "application/json, application/yaml");
        assertStatus(send("POST", "/api/v1/namespaces/default/configmaps", "application/vnd.kubernetes.protobuf",
                "{\"metadata\":{}}"), 400, "BadRequest", "Kubernetes protobuf prefix");
        assertStatus(send("POST", "/api/v1/namespaces/default/configmaps", "application/vnd.kubernetes.protobuf",
                "k8s\0\u0012\u0005"), 400, "BadRequest", "malformed");
    }

    @Test
    void listResourceVersionsAreCheckedAsKubernetesChecksThem() throws Exception {
        assertStatus(send("GET", "/api/v1/configmaps?resourceVersionMatch=Exact", null, null), 400, "BadRequest",
                "resourceVersionMatch is forbidden unless resourceVersion is provided");
        assertStatus(send("GET", "/api/v1/configmaps?resourceVersion=1&resourceVersionMatch=Newest", null, null), 400,
                "BadRequest", "Unsupported value");
        assertStatus(send("GET", "/api/v1/configmaps?resourceVersion=abc", null, null), 400, "BadRequest",
                "resourceVersion must be a number");
        assertStatus(send("GET", "/api/v1/configmaps?resourceVersion=999999999", null, null), 504, "Timeout",
                "Too large resource version");
        String now = send("GET", "/api/v1/configmaps", null, null).body()
                .replaceFirst("(?s).*?\"resourceVersion\":\"(\\d+)\".*", "$1");
        HttpResponse<String> exact = send("GET", "/api/v1/configmaps?resourceVersionMatch=Exact&resourceVersion=" + now,
                null, null);
        assertEquals(200, exact.statusCode(), exact.body());
        assertTrue(exact.body().contains("\"resourceVersion\":\"" + now + "\""), exact.body());
    }

    @Test
    void unknownFieldsAreRefusedWhenStrictAndDroppedOtherwise() throws Exception {
        String body = "{\"metadata\":{\"name\":\"strict\"},\"data\":{\"a\":\"1\"},\"dta\":{}}";
        assertStatus(send("POST", "/api/v1/namespaces/default/configmaps?fieldValidation=Strict", "application/json",
                body), 400, "BadRequest", "strict decoding error: unknown field \\\"dta\\\"");
        assertStatus(send("POST", "/api/v1/namespaces/default/configmaps?fieldValidation=Sometimes",
                "application/json", body), 400, "BadRequest", "fieldValidation must be Ignore, Warn or Strict");
        HttpResponse<String> warned = send("POST", "/api/v1/namespaces/default/configmaps", "application/json", body);
        assertEquals(201, warned.statusCode(), warned.body());
        assertEquals("299 - \"unknown field \\\"dta\\\"\"", warned.headers().firstValue("Warning").orElse(""));
        assertFalse(warned.body().contains("dta"), "Kubernetes drops the unknown field: " + warned.body());
    }

    @Test
    void wrongKindsAndInvalidFields() throws Exception {
        assertStatus(send("POST", "/api/v1/namespaces/default/configmaps", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"x\"}}"),
                400, "BadRequest", "does not match the expected kind (ConfigMap)");
        assertStatus(send("POST", "/api/v1/namespaces/default/configmaps", "application/json",
                "{\"apiVersion\":\"apps/v1\",\"metadata\":{\"name\":\"x\"}}"),
                400, "BadRequest", "does not match the expected API version (v1)");
        HttpResponse<String> invalid = send("POST", "/api/v1/namespaces/default/configmaps", "application/json",
                "{\"metadata\":{\"name\":\"Bad_Name\"}}");
        assertStatus(invalid, 422, "Invalid", "is invalid: metadata.name: Invalid value");
        assertTrue(invalid.body().contains("\"field\":\"metadata.name\""), invalid.body());
        assertStatus(send("POST", "/api/v1/namespaces/default/configmaps", "application/json", "{\"metadata\":{}}"),
                422, "Invalid", "name or generateName is required");
        HttpResponse<String> badDeployment = send("POST", "/apis/apps/v1/namespaces/default/deployments",
                "application/json", "{\"metadata\":{\"name\":\"broken\"},\"spec\":{\"template\":{\"spec\":"
                        + "{\"containers\":[{\"name\":\"c\"}]}}}}");
        assertStatus(badDeployment, 422, "Invalid", "Deployment.apps \\\"broken\\\" is invalid: [spec.selector: Required value, "
                + "spec.template.spec.containers[0].image: Required value]");
        assertTrue(badDeployment.body().contains("\"reason\":\"FieldValueRequired\",\"message\":\"Required value\","
                + "\"field\":\"spec.template.spec.containers[0].image\""), badDeployment.body());
    }

    @Test
    void hugeBodiesAreRefusedAndTheirSenderHearsWhy() throws Exception {
        byte[] huge = ("{\"metadata\":{\"name\":\"big\"},\"data\":{\"k\":\"" + "x".repeat(4 << 20) + "\"}}")
                .getBytes(UTF_8);
        String path = "/api/v1/namespaces/default/configmaps";
        // The JDK's client writes the whole body before it reads the answer, as Go's does: the server must
        // not reset the connection under it. Several times, since that failure was a race.
        for (int i = 0; i < 3; i++) {
            assertStatus(http.send(cluster.adminRequest(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build(), HttpResponse.BodyHandlers.ofString()),
                    413, "RequestEntityTooLarge", "larger than");
        }
        assertStatus(http.send(cluster.adminRequest(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build(),
                HttpResponse.BodyHandlers.ofString()), 413, "RequestEntityTooLarge", "larger than");
        assertEquals(404, send("GET", path + "/big", null, null).statusCode(), "nothing was stored");
    }

    @Test
    void badSelectorsUnknownResourcesAndWrongMethods() throws Exception {
        assertStatus(send("GET", "/api/v1/configmaps?labelSelector=app%20in%20web", null, null),
                400, "BadRequest", "unable to parse requirement");
        assertStatus(send("GET", "/api/v1/pods?fieldSelector=spec.image%3Dx", null, null),
                400, "BadRequest", "field label not supported: spec.image");
        assertStatus(send("GET", "/api/v1/widgets", null, null), 404, "NotFound", "could not find the requested resource");
        assertStatus(send("GET", "/apis/nonexistent.io/v1", null, null), 404, "NotFound", "could not find");
        assertStatus(send("PUT", "/api/v1/namespaces/default/configmaps", "application/json", "{}"),
                405, "MethodNotAllowed", "does not allow this method");
        assertStatus(send("GET", "/api/v1/namespaces/default/configmaps?limit=-1", null, null),
                400, "BadRequest", "limit must be a non-negative integer");
        assertStatus(send("GET", "/api/v1/namespaces/default/configmaps?continue=bm90YXRva2Vu", null, null),
                400, "BadRequest", "invalid continue token");
    }

    @Test
    void aPatchThatCannotApplyIsInvalidAndChangesNothing() throws Exception {
        send("POST", "/api/v1/namespaces/default/configmaps", "application/json",
                "{\"metadata\":{\"name\":\"patched\"},\"data\":{\"a\":\"1\"}}");
        assertStatus(send("PATCH", "/api/v1/namespaces/default/configmaps/patched", "application/json-patch+json",
                "[{\"op\":\"replace\",\"path\":\"/data/missing\",\"value\":\"x\"}]"),
                422, "Invalid", "does not exist");
        assertStatus(send("PATCH", "/api/v1/namespaces/default/configmaps/patched", "application/strategic-merge-patch+json",
                "{\"data\":{\"$patch\":\"explode\"}}"), 400, "BadRequest", "unknown $patch directive");
        assertStatus(send("PATCH", "/api/v1/namespaces/default/configmaps/patched", "text/plain", "{}"),
                415, "UnsupportedMediaType", "--type=strategic|merge|json");
        HttpResponse<String> unchanged = send("GET", "/api/v1/namespaces/default/configmaps/patched", null, null);
        assertTrue(unchanged.body().contains("\"data\":{\"a\":\"1\"}"), unchanged.body());
    }

    @Test
    void statusIsWrittenThroughItsSubresourceOnly() throws Exception {
        HttpResponse<String> created = send("POST", "/apis/apps/v1/namespaces/default/deployments", "application/json",
                "{\"metadata\":{\"name\":\"rollout\"},\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}},\"status\":{\"replicas\":42}}");
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(!created.body().contains("\"replicas\":42"), "status is not set on create: " + created.body());
        HttpResponse<String> status = send("PUT", "/apis/apps/v1/namespaces/default/deployments/rollout/status",
                "application/json", "{\"metadata\":{\"name\":\"rollout\"},\"spec\":{\"replicas\":5,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}},"
                        + "\"status\":{\"replicas\":2}}");
        assertEquals(200, status.statusCode(), status.body());
        assertTrue(status.body().contains("\"spec\":{\"replicas\":2,") && status.body().contains("\"status\":{\"replicas\":2}"),
                status.body());
        assertStatus(send("GET", "/apis/apps/v1/namespaces/default/deployments/rollout/nonsense", null, null),
                404, "NotFound", "have no subresource nonsense");
        assertStatus(send("GET", "/api/v1/namespaces/default/configmaps/anything/status", null, null),
                404, "NotFound", "have no subresource status");
    }

    @Test
    void yamlInAndOut() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/namespaces/default/configmaps", "application/yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  greeting: hello\n");
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> asYaml = http.send(cluster.adminRequest("/api/v1/namespaces/default/configmaps/from-yaml")
                .header("Accept", "application/yaml").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("application/yaml", asYaml.headers().firstValue("Content-Type").orElse(""));
        assertTrue(asYaml.body().contains("greeting: \"hello\"") || asYaml.body().contains("greeting: hello"),
                asYaml.body());
        assertTrue(asYaml.body().contains("name: \"from-yaml\"") || asYaml.body().contains("name: from-yaml"),
                asYaml.body());
    }

    private static void assertStatus(HttpResponse<String> response, int code, String reason, String message) {
        assertEquals(code, response.statusCode(), response.body());
        String body = response.body();
        assertTrue(body.contains("\"kind\":\"Status\"") && body.contains("\"code\":" + code)
                && body.contains("\"reason\":\"" + reason + "\""), body);
        assertTrue(body.contains(message), "message contains '" + message + "': " + body);
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = cluster.adminRequest(path);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, UTF_8));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package org.kybern.apiserver.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kybern.store.internal.EmbeddedStore;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ObjectStoreTest {

    private static final ResourceType CONFIGMAPS = ResourceTypes.find("", "v1", "configmaps").orElseThrow();
    private static final ResourceType DEPLOYMENTS = ResourceTypes.find("apps", "v1", "deployments").orElseThrow();

    @TempDir
    Path dir;

    private EmbeddedStore store;
    private ObjectStore objects;

    @BeforeEach
    void open() throws Exception {
        store = EmbeddedStore.open(dir, 1000, 1 << 20);
        objects = new ObjectStore(store, JsonMapper.builder().build(),
                Clock.fixed(Instant.parse("2026-11-25T10:00:00.123Z"), ZoneOffset.UTC));
        objects.ensureNamespace("default");
    }

    @AfterEach
    void close() throws Exception {
        store.deactivate();
    }

    @Test
    void createFillsWhatTheServerOwns() {
        ObjectNode cm = objects.create(CONFIGMAPS, "default", parse(
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cfg\",\"uid\":\"forged\","
                        + "\"resourceVersion\":\"99\"},\"data\":{\"a\":\"1\"}}"), false);
        ObjectNode meta = (ObjectNode) cm.get("metadata");
        assertEquals("default", meta.get("namespace").asString());
        assertNotEquals("forged", meta.get("uid").asString());
        assertEquals("2026-11-25T10:00:00Z", meta.get("creationTimestamp").asString());
        assertEquals(Long.toString(store.currentRevision()), meta.get("resourceVersion").asString());
        assertEquals("1", objects.get(CONFIGMAPS, "default", "cfg").get("data").get("a").asString());
    }

    @Test
    void listsAsTheStoreWasAtAnExactRevisionUntilItIsCompacted() {
        objects.create(CONFIGMAPS, "default", parse(
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"old\"}}"), false);
        long before = store.currentRevision();
        objects.create(CONFIGMAPS, "default", parse(
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"new\"}}"), false);

        ObjectNode then = objects.list(CONFIGMAPS, "default", 0, null, before, object -> true);
        assertEquals(1, then.get("items").size(), then.toString());
        assertEquals(Long.toString(before), then.get("metadata").get("resourceVersion").asString());
        assertEquals(2, objects.list(CONFIGMAPS, "default", 0, null, 0, object -> true).get("items").size());

        store.compact(store.currentRevision());
        ApiException gone = assertThrows(ApiException.class,
                () -> objects.list(CONFIGMAPS, "default", 0, null, before, object -> true));
        assertEquals(410, gone.code());
        assertTrue(gone.getMessage().startsWith("too old resource version: " + before), gone.getMessage());
    }

    @Test
    void generateNameAndDryRun() {
        ObjectNode made = objects.create(CONFIGMAPS, "default",
                parse("{\"metadata\":{\"generateName\":\"job-\"}}"), true);
        String name = made.get("metadata").get("name").asString();
        assertTrue(name.matches("job-[a-z0-9]{5}"), name);
        assertEquals(0, objects.list(CONFIGMAPS, "default", 0, null).get("items").size(), "dry run stores nothing");
    }

    @Test
    void refusalsAreKubernetesErrors() {
        objects.create(CONFIGMAPS, "default", parse("{\"metadata\":{\"name\":\"cfg\"}}"), false);
        assertEquals(409, assertThrows(ApiException.class, () -> objects.create(CONFIGMAPS, "default",
                parse("{\"metadata\":{\"name\":\"cfg\"}}"), false)).code());
        ApiException invalid = assertThrows(ApiException.class, () -> objects.create(CONFIGMAPS, "default",
                parse("{\"metadata\":{\"name\":\"Not_Valid\"}}"), false));
        assertEquals(422, invalid.code());
        assertTrue(invalid.getMessage().contains("metadata.name"), invalid.getMessage());
        assertEquals(404, assertThrows(ApiException.class, () -> objects.create(CONFIGMAPS, "missing",
                parse("{\"metadata\":{\"name\":\"x\"}}"), false)).code());
        assertEquals(400, assertThrows(ApiException.class, () -> objects.create(CONFIGMAPS, "default",
                parse("{\"kind\":\"Secret\",\"metadata\":{\"name\":\"x\"}}"), false)).code());
        assertEquals(400, assertThrows(ApiException.class,
                () -> objects.parse("{not json".getBytes(StandardCharsets.UTF_8))).code());
        assertEquals(404, assertThrows(ApiException.class, () -> objects.get(CONFIGMAPS, "default", "nope")).code());
        assertEquals(400, assertThrows(ApiException.class, () -> objects.create(CONFIGMAPS, "default",
                parse("{\"metadata\":{\"name\":{\"a\":1}}}"), false)).code(), "a name that is not a string");
        assertEquals(400, assertThrows(ApiException.class, () -> objects.create(CONFIGMAPS, "default",
                parse("{\"apiVersion\":[1],\"metadata\":{\"name\":\"x\"}}"), false)).code());
    }

    @Test
    void updateIsOptimisticAndGenerationFollowsSpecChangesOnly() {
        ObjectNode d = objects.create(DEPLOYMENTS, "default",
                parse("{\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}}}"), false);
        String firstVersion = d.get("metadata").get("resourceVersion").asString();
        ObjectNode labelled = parse("{\"metadata\":{\"name\":\"web\",\"resourceVersion\":\"" + firstVersion
                + "\",\"labels\":{\"a\":\"b\"}},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}}}");
        ObjectNode afterLabel = objects.update(DEPLOYMENTS, "default", "web", labelled, false);
        assertEquals(1, afterLabel.get("metadata").get("generation").asLong());
        ObjectNode scaled = objects.update(DEPLOYMENTS, "default", "web",
                parse("{\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":3,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}}}"), false);
        assertEquals(2, scaled.get("metadata").get("generation").asLong());
        ApiException stale = assertThrows(ApiException.class, () -> objects.update(DEPLOYMENTS, "default", "web",
                parse("{\"metadata\":{\"name\":\"web\",\"resourceVersion\":\"" + firstVersion + "\"},"
                        + "\"spec\":{\"replicas\":5,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}}}"), false));
        assertEquals(409, stale.code());
        assertEquals("Conflict", stale.reason());
    }

    @Test
    void listsPageWithContinueTokensAtOneRevision() {
        for (int i = 0; i < 5; i++) {
            objects.create(CONFIGMAPS, "default", parse("{\"metadata\":{\"name\":\"c" + i + "\"}}"), false);
        }
        ObjectNode first = objects.list(CONFIGMAPS, "default", 2, null);
        assertEquals(2, first.get("items").size());
        String token = first.get("metadata").get("continue").asString();
        objects.create(CONFIGMAPS, "default", parse("{\"metadata\":{\"name\":\"c9\"}}"), false);
        ObjectNode second = objects.list(CONFIGMAPS, "default", 10, token);
        assertEquals(3, second.get("items").size(), "the list as of the first page's revision");
        assertEquals(400, assertThrows(ApiException.class,
                () -> objects.list(CONFIGMAPS, "default", 2, "garbage!")).code());
        String otherList = java.util.Base64.getUrlEncoder().encodeToString("1:/registry/secrets/x".getBytes());
        assertEquals(400, assertThrows(ApiException.class,
                () -> objects.list(CONFIGMAPS, "default", 2, otherList)).code(), "a token of another list");
    }

    @Test
    void deleteReturnsTheObjectAsItWas() {
        objects.create(CONFIGMAPS, "default", parse("{\"metadata\":{\"name\":\"gone\"},\"data\":{\"k\":\"v\"}}"), false);
        assertEquals("v", objects.delete(CONFIGMAPS, "default", "gone", false).get("data").get("k").asString());
        assertEquals(404, assertThrows(ApiException.class, () -> objects.get(CONFIGMAPS, "default", "gone")).code());
    }

    @Test
    void deletePreconditionsOnUidAndResourceVersion() {
        ObjectNode cm = objects.create(CONFIGMAPS, "default", parse("{\"metadata\":{\"name\":\"guarded\"}}"), false);
        String uid = cm.get("metadata").get("uid").asString();
        String rv = cm.get("metadata").get("resourceVersion").asString();
        assertEquals(409, assertThrows(ApiException.class, () -> objects.delete(CONFIGMAPS, "default", "guarded",
                new ObjectStore.Preconditions("another-uid", null), false)).code());
        assertEquals(409, assertThrows(ApiException.class, () -> objects.delete(CONFIGMAPS, "default", "guarded",
                new ObjectStore.Preconditions(null, "1"), false)).code());
        objects.delete(CONFIGMAPS, "default", "guarded", new ObjectStore.Preconditions(uid, rv), false);
        assertEquals(404, assertThrows(ApiException.class, () -> objects.get(CONFIGMAPS, "default", "guarded")).code());
    }

    @Test
    void deleteCollectionDeletesWhatTheSelectorSelects() {
        objects.create(CONFIGMAPS, "default", parse("{\"metadata\":{\"name\":\"a\",\"labels\":{\"app\":\"web\"}}}"), false);
        objects.create(CONFIGMAPS, "default", parse("{\"metadata\":{\"name\":\"b\",\"labels\":{\"app\":\"web\"}}}"), false);
        objects.create(CONFIGMAPS, "default", parse("{\"metadata\":{\"name\":\"c\",\"labels\":{\"app\":\"db\"}}}"), false);
        ObjectNode deleted = objects.deleteCollection(CONFIGMAPS, "default", Selectors.labels("app=web"), false);
        assertEquals(2, deleted.get("items").size());
        assertEquals(1, objects.list(CONFIGMAPS, "default", 0, null).get("items").size());
        assertEquals("c", objects.list(CONFIGMAPS, "default", 0, null).get("items").get(0).get("metadata").get("name").asString());
    }

    @Test
    void statusChangesOnlyThroughItsSubresourceAndTheObjectOnlyThroughItsOwn() {
        objects.create(DEPLOYMENTS, "default", parse("{\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}},"
                + "\"status\":{\"replicas\":99}}"), false);
        ObjectNode viaStatus = objects.update(DEPLOYMENTS, "default", "web", parse("{\"metadata\":{\"name\":\"web\","
                + "\"labels\":{\"ignored\":\"yes\"}},\"spec\":{\"replicas\":7,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}},\"status\":{\"replicas\":1}}"),
                ObjectStore.Part.STATUS, false);
        assertEquals(1, viaStatus.get("status").get("replicas").asInt());
        assertEquals(1, viaStatus.get("spec").get("replicas").asInt(), "the spec stays as stored");
        assertTrue(viaStatus.get("metadata").path("labels").isMissingNode(), "metadata stays as stored");
        assertEquals(1, viaStatus.get("metadata").get("generation").asLong(), "a status update is no new generation");

        ObjectNode viaMain = objects.update(DEPLOYMENTS, "default", "web", parse("{\"metadata\":{\"name\":\"web\"},"
                + "\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}},\"status\":{\"replicas\":5}}"), false);
        assertEquals(1, viaMain.get("status").get("replicas").asInt(), "status stays as stored");
        assertEquals(2, viaMain.get("spec").get("replicas").asInt());

        ObjectNode patched = objects.patch(DEPLOYMENTS, "default", "web",
                current -> Patches.mergePatch(current, parse("{\"status\":{\"readyReplicas\":2},\"spec\":{\"replicas\":9,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}}}")),
                ObjectStore.Part.STATUS, false);
        assertEquals(2, patched.get("status").get("readyReplicas").asInt());
        assertEquals(2, patched.get("spec").get("replicas").asInt());
    }

    @Test
    void kindsWithoutAStatusSubresourceKeepWhatIsWritten() {
        ObjectNode cm = objects.create(CONFIGMAPS, "default", parse("{\"metadata\":{\"name\":\"s\"}}"), false);
        ObjectNode updated = objects.update(CONFIGMAPS, "default", "s", parse("{\"metadata\":{\"name\":\"s\"},"
                + "\"data\":{\"k\":\"v\"}}"), false);
        assertEquals("v", updated.get("data").get("k").asString());
        assertTrue(cm.get("metadata").has("uid"));
    }

    private ObjectNode parse(String json) {
        return objects.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}

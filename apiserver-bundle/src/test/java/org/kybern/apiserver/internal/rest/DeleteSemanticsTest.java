package org.kybern.apiserver.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kybern.store.internal.EmbeddedStore;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class DeleteSemanticsTest {

    private static final ResourceType CONFIGMAPS = ResourceTypes.find("", "v1", "configmaps").orElseThrow();
    private static final ResourceType PODS = ResourceTypes.find("", "v1", "pods").orElseThrow();
    private static final ResourceType NAMESPACES = ResourceTypes.find("", "v1", "namespaces").orElseThrow();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;
    private EmbeddedStore store;
    private ObjectStore objects;

    @BeforeEach
    void open() throws Exception {
        store = EmbeddedStore.open(dir, 1000, 1 << 20);
        objects = new ObjectStore(store, JSON, Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
        objects.ensureNamespace("default");
    }

    @AfterEach
    void close() throws Exception {
        store.deactivate();
    }

    @Test
    void finalizersKeepTheObjectUntilAnUpdateRemovesTheLast() {
        objects.create(CONFIGMAPS, "default", parse("{\"metadata\":{\"name\":\"kept\",\"finalizers\":[\"example.com/a\"]}}"),
                false);
        ObjectStore.Deletion deletion = objects.delete(CONFIGMAPS, "default", "kept", DeleteOptions.NONE);
        assertFalse(deletion.removed());
        assertEquals(200, deletion.code());
        ObjectNode stays = objects.get(CONFIGMAPS, "default", "kept");
        assertEquals("2026-11-25T10:00:00Z", stays.get("metadata").get("deletionTimestamp").asString());
        assertEquals(0, stays.get("metadata").get("deletionGracePeriodSeconds").asInt());

        ObjectNode adding = stays.deepCopy();
        ((ObjectNode) adding.get("metadata")).putArray("finalizers").add("example.com/a").add("example.com/b");
        ApiException forbidden = assertThrows(ApiException.class,
                () -> objects.update(CONFIGMAPS, "default", "kept", adding, false));
        assertEquals(422, forbidden.code());
        assertTrue(forbidden.getMessage().contains("metadata.finalizers: Forbidden: no new finalizers can be added if the "
                + "object is being deleted, found new finalizers []string{\"example.com/b\"}"), forbidden.getMessage());

        ObjectNode clearing = stays.deepCopy();
        ((ObjectNode) clearing.get("metadata")).remove("deletionTimestamp"); // an update cannot undo a deletion
        ((ObjectNode) clearing.get("metadata")).putArray("finalizers");
        objects.update(CONFIGMAPS, "default", "kept", clearing, false);
        assertEquals(404, assertThrows(ApiException.class, () -> objects.get(CONFIGMAPS, "default", "kept")).code());
    }

    @Test
    void deletedObjectsOfMostKindsAnswerWithAStatus() {
        objects.create(CONFIGMAPS, "default", parse("{\"metadata\":{\"name\":\"plain\"}}"), false);
        ObjectStore.Deletion deletion = objects.delete(CONFIGMAPS, "default", "plain", DeleteOptions.NONE);
        assertTrue(deletion.removed());
        assertEquals("Success", deletion.body().get("status").asString());
        assertEquals("configmaps", deletion.body().get("details").get("kind").asString());
        assertEquals("plain", deletion.object().get("metadata").get("name").asString());
    }

    @Test
    void propagationPoliciesAddTheGarbageCollectorsFinalizers() {
        objects.create(CONFIGMAPS, "default", parse("{\"metadata\":{\"name\":\"fg\"}}"), false);
        ObjectStore.Deletion fg = objects.delete(CONFIGMAPS, "default", "fg", options("propagationPolicy", "Foreground"));
        assertEquals(List.of("foregroundDeletion"), ObjectStore.finalizers(fg.object().get("metadata")));
        assertTrue(objects.get(CONFIGMAPS, "default", "fg").get("metadata").has("deletionTimestamp"));

        objects.create(CONFIGMAPS, "default", parse("{\"metadata\":{\"name\":\"orphan\"}}"), false);
        ObjectStore.Deletion orphan = objects.delete(CONFIGMAPS, "default", "orphan",
                options("orphanDependents", "false"));
        assertTrue(orphan.removed(), "orphanDependents=false is Background, which deletes now");
        objects.create(CONFIGMAPS, "default", parse("{\"metadata\":{\"name\":\"orphan\"}}"), false);
        assertEquals(List.of("orphan"), ObjectStore.finalizers(objects.delete(CONFIGMAPS, "default", "orphan",
                options("propagationPolicy", "Orphan")).object().get("metadata")));

        objects.create(CONFIGMAPS, "default", parse("{\"metadata\":{\"name\":\"bg\"}}"), false);
        assertTrue(objects.delete(CONFIGMAPS, "default", "bg", options("propagationPolicy", "Background")).removed());
    }

    @Test
    void deleteOptionsAreChecked() {
        ApiException both = assertThrows(ApiException.class, () -> DeleteOptions.parse(
                parse("{\"orphanDependents\":true,\"propagationPolicy\":\"Orphan\"}"), q -> null));
        assertEquals(422, both.code());
        assertTrue(both.getMessage().startsWith("DeleteOptions.meta.k8s.io \"\" is invalid: orphanDependents"),
                both.getMessage());
        assertEquals(422, assertThrows(ApiException.class,
                () -> DeleteOptions.parse(null, Map.of("propagationPolicy", "Sometimes")::get)).code());
        assertEquals(400, assertThrows(ApiException.class,
                () -> DeleteOptions.parse(null, Map.of("gracePeriodSeconds", "soon")::get)).code());
        assertEquals(400, assertThrows(ApiException.class,
                () -> DeleteOptions.parse(parse("{\"kind\":\"Pod\"}"), q -> null)).code());
        DeleteOptions fromBody = DeleteOptions.parse(parse("{\"kind\":\"DeleteOptions\",\"apiVersion\":\"meta.k8s.io/v1\","
                + "\"gracePeriodSeconds\":5,\"dryRun\":[\"All\"],\"preconditions\":{\"uid\":\"u\"}}"), q -> null);
        assertEquals(5L, fromBody.gracePeriodSeconds());
        assertTrue(fromBody.dryRun());
        assertEquals("u", fromBody.preconditions().uid());
        assertEquals(0L, DeleteOptions.parse(parse("{\"gracePeriodSeconds\":5}"),
                Map.of("gracePeriodSeconds", "0")::get).gracePeriodSeconds(), "the query wins");
    }

    @Test
    void aPodOnANodeIsDeletedGracefullyAndOnlyShortened() {
        objects.create(PODS, "default", pod("bound", "node-1", 20), false);
        ObjectStore.Deletion first = objects.delete(PODS, "default", "bound", DeleteOptions.NONE);
        assertFalse(first.removed());
        ObjectNode meta = (ObjectNode) objects.get(PODS, "default", "bound").get("metadata");
        assertEquals("2026-11-25T10:00:20Z", meta.get("deletionTimestamp").asString());
        assertEquals(20, meta.get("deletionGracePeriodSeconds").asInt());
        assertEquals("bound", first.body().get("metadata").get("name").asString(), "pods answer with the object");

        objects.delete(PODS, "default", "bound", options("gracePeriodSeconds", "60"));
        assertEquals(20, objects.get(PODS, "default", "bound").get("metadata").get("deletionGracePeriodSeconds").asInt(),
                "a longer grace period is ignored");
        objects.delete(PODS, "default", "bound", options("gracePeriodSeconds", "5"));
        meta = (ObjectNode) objects.get(PODS, "default", "bound").get("metadata");
        assertEquals(5, meta.get("deletionGracePeriodSeconds").asInt());
        assertEquals("2026-11-25T10:00:05Z", meta.get("deletionTimestamp").asString());

        assertTrue(objects.delete(PODS, "default", "bound", options("gracePeriodSeconds", "0")).removed(),
                "the kubelet's confirmation (grace 0) removes it");
    }

    @Test
    void unscheduledOrForcedPodsGoAtOnce() {
        objects.create(PODS, "default", pod("pending", null, 30), false);
        assertTrue(objects.delete(PODS, "default", "pending", DeleteOptions.NONE).removed());
        objects.create(PODS, "default", pod("forced", "node-1", 30), false);
        assertTrue(objects.delete(PODS, "default", "forced", options("gracePeriodSeconds", "0")).removed());
        objects.create(PODS, "default", pod("dry", "node-1", 30), false);
        objects.delete(PODS, "default", "dry", DeleteOptions.NONE.withDryRun(true));
        assertFalse(objects.get(PODS, "default", "dry").get("metadata").has("deletionTimestamp"));
    }

    @Test
    void aPodWithFinalizersWaitsForThemAfterItsGracePeriod() {
        ObjectNode pod = pod("guarded", "node-1", 10);
        ((ObjectNode) pod.get("metadata")).putArray("finalizers").add("example.com/keep");
        objects.create(PODS, "default", pod, false);
        objects.delete(PODS, "default", "guarded", DeleteOptions.NONE);
        assertFalse(objects.delete(PODS, "default", "guarded", options("gracePeriodSeconds", "0")).removed());
        ObjectNode stays = objects.get(PODS, "default", "guarded");
        assertEquals(0, stays.get("metadata").get("deletionGracePeriodSeconds").asInt());
        ((ObjectNode) stays.get("metadata")).putArray("finalizers");
        objects.update(PODS, "default", "guarded", stays, false);
        assertEquals(404, assertThrows(ApiException.class, () -> objects.get(PODS, "default", "guarded")).code());
    }

    @Test
    void aNamespaceTerminatesUntilFinalizedThenGoes() {
        objects.create(NAMESPACES, null, parse("{\"metadata\":{\"name\":\"shop\"}}"), false);
        objects.create(CONFIGMAPS, "shop", parse("{\"metadata\":{\"name\":\"before\"}}"), false);

        ObjectStore.Deletion deletion = objects.delete(NAMESPACES, null, "shop", DeleteOptions.NONE);
        assertFalse(deletion.removed(), "spec.finalizers [kubernetes] keeps it");
        ObjectNode terminating = objects.get(NAMESPACES, null, "shop");
        assertEquals("Terminating", terminating.get("status").get("phase").asString());
        assertEquals("2026-11-25T10:00:00Z", terminating.get("metadata").get("deletionTimestamp").asString());

        ApiException refused = assertThrows(ApiException.class,
                () -> objects.create(CONFIGMAPS, "shop", parse("{\"metadata\":{\"name\":\"after\"}}"), false));
        assertEquals(403, refused.code());
        assertEquals("unable to create new content in namespace shop because it is being terminated",
                refused.getMessage());
        objects.update(CONFIGMAPS, "shop", "before", objects.get(CONFIGMAPS, "shop", "before"), false);
        assertEquals(409, assertThrows(ApiException.class,
                () -> objects.delete(NAMESPACES, null, "shop", DeleteOptions.NONE)).code(), "still has content");

        ObjectNode finalized = objects.finalizeNamespace("shop", parse("{\"spec\":{\"finalizers\":[]}}"), false);
        assertEquals(List.of(), ObjectStore.namespaceFinalizers(finalized));
        // As Kubernetes' finalize store: no finalizer of either kind left on a deleted namespace, it goes.
        assertEquals(404, assertThrows(ApiException.class, () -> objects.get(NAMESPACES, null, "shop")).code());
    }

    @Test
    void aNamespaceWithoutSpecFinalizersGoesAtOnce() {
        objects.create(NAMESPACES, null, parse("{\"metadata\":{\"name\":\"bare\"},\"spec\":{\"finalizers\":[]}}"),
                false);
        assertTrue(objects.delete(NAMESPACES, null, "bare", DeleteOptions.NONE).removed());
    }

    private static DeleteOptions options(String name, String value) {
        return DeleteOptions.parse(null, Map.of(name, value)::get);
    }

    private static ObjectNode pod(String name, String node, int grace) {
        ObjectNode pod = parse("{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"terminationGracePeriodSeconds\":"
                + grace + ",\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}");
        if (node != null) {
            ((ObjectNode) pod.get("spec")).put("nodeName", node);
        }
        return pod;
    }

    private static ObjectNode parse(String json) {
        return (ObjectNode) JSON.readTree(json.getBytes(StandardCharsets.UTF_8));
    }
}

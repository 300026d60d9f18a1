package org.kybern.tests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * fabric8's Java client, as Kybern's own components will use it, against a cluster started with
 * {@code ./kybern up}: create, get, list, update, patch and delete of every kind the API serves,
 * the status and scale subresources, an informer, a 409 on a stale update and a 410 on a watch from
 * a compacted revision, which an informer survives by listing again.
 */
@ExtendWith(SharedCluster.class)
class Fabric8ClientIT {

    private static final String NAMESPACE = "fabric8-it";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static KybernCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void connect() throws IOException {
        cluster = SharedCluster.get();
        client = cluster.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).create();
    }

    @AfterAll
    static void cleanUp() {
        if (client != null) {
            client.namespaces().withName(NAMESPACE).delete();
            client.close();
        }
    }

    /**
     * The one place a test client is made: the cluster's address, its CA and the admin token,
     * nothing from ~/.kube or the environment, and the JDK HTTP client.
     */

    // --- CRUD of every kind ------------------------------------------------------------------------

    @Test
    void crudOfCoreKinds() {
        crud(client.namespaces(), new NamespaceBuilder().withMetadata(meta("crud-namespace")).build());
        crud(client.nodes(), new NodeBuilder().withMetadata(meta("crud-node")).build());
        crud(client.pods().inNamespace(NAMESPACE), new PodBuilder().withMetadata(meta("crud-pod"))
                .withNewSpec().withSchedulerName("kybern-test-no-scheduler") // left alone: no kubelet pulls busybox
                .addNewContainer().withName("app").withImage("busybox").endContainer().endSpec().build());
        crud(client.services().inNamespace(NAMESPACE), new ServiceBuilder().withMetadata(meta("crud-service"))
                .withNewSpec().addToSelector("app", "crud").addNewPort().withPort(80).endPort().endSpec().build());
        crud(client.endpoints().inNamespace(NAMESPACE), new EndpointsBuilder().withMetadata(meta("crud-service"))
                .addNewSubset().addNewAddress().withIp("127.0.0.10").endAddress().addNewPort().withPort(8080).endPort()
                .endSubset().build());
        crud(client.v1().events().inNamespace(NAMESPACE), new EventBuilder().withMetadata(meta("crud-event"))
                .withNewInvolvedObject().withKind("Pod").withName("crud-pod").withNamespace(NAMESPACE)
                .endInvolvedObject().withReason("Tested").withMessage("by Fabric8ClientIT").withType("Normal").build());
        crud(client.configMaps().inNamespace(NAMESPACE), new ConfigMapBuilder().withMetadata(meta("crud-configmap"))
                .addToData("color", "blue").build());
        crud(client.secrets().inNamespace(NAMESPACE), new SecretBuilder().withMetadata(meta("crud-secret"))
                .addToData("password", "c2VjcmV0").build());
        crud(client.serviceAccounts().inNamespace(NAMESPACE),
                new ServiceAccountBuilder().withMetadata(meta("crud-serviceaccount")).build());
    }

    @Test
    void crudOfAppsKinds() {
        // No replicas: the controllers act on these, and pods would outlive the test.
        crud(client.apps().deployments().inNamespace(NAMESPACE), new DeploymentBuilder()
                .withMetadata(meta("crud-deployment")).withNewSpec().withReplicas(0).withNewSelector()
                .addToMatchLabels("app", "crud").endSelector().withTemplate(template("crud")).endSpec().build());
        crud(client.apps().replicaSets().inNamespace(NAMESPACE), new ReplicaSetBuilder()
                .withMetadata(meta("crud-replicaset")).withNewSpec().withReplicas(0).withNewSelector()
                .addToMatchLabels("app", "crud").endSelector().withTemplate(template("crud")).endSpec().build());
    }

    @Test
    void crudOfCoordinationDiscoveryEventsAndAutoscalingKinds() {
        crud(client.leases().inNamespace(NAMESPACE), new LeaseBuilder().withMetadata(meta("crud-lease"))
                .withNewSpec().withHolderIdentity("fabric8-it").withLeaseDurationSeconds(15).endSpec().build());
        crud(client.discovery().v1().endpointSlices().inNamespace(NAMESPACE), new EndpointSliceBuilder()
                .withMetadata(meta("crud-endpointslice")).withAddressType("IPv4").addNewEndpoint()
                .withAddresses("127.0.0.10").endEndpoint().addNewPort().withPort(8080).endPort().build());
        crud(client.events().v1().events().inNamespace(NAMESPACE), new io.fabric8.kubernetes.api.model.events.v1
                .EventBuilder().withMetadata(meta("crud-events-event")).withReason("Tested").withNote("by Fabric8ClientIT")
                .withType("Normal").withAction("Test").withReportingController("kybern.org/fabric8-it")
                .withReportingInstance("fabric8-it").withNewEventTime(Instant.now().toString())
                .withNewRegarding().withKind("Pod").withName("crud-pod").withNamespace(NAMESPACE).endRegarding().build());
        crud(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NAMESPACE),
                new HorizontalPodAutoscalerBuilder().withMetadata(meta("crud-hpa")).withNewSpec()
                        .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("web")
                        .endScaleTargetRef().withMinReplicas(1).withMaxReplicas(3).endSpec().build());
    }

    /**
     * Create, get, list, update (an annotation), JSON merge patch and JSON patch (a label each, the
     * latter through {@code edit}), delete; each step read back through the API.
     */
    private static <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>> void crud(
            NonNamespaceOperation<T, L, R> kind, T object) {
        String name = object.getMetadata().getName();
        String what = object.getKind() + " " + name;
        T created = kind.resource(object).create();
        try {
            assertNotNull(created.getMetadata().getUid(), what);
            assertNotNull(created.getMetadata().getResourceVersion(), what);
            assertNotNull(created.getMetadata().getCreationTimestamp(), what);

            T read = kind.withName(name).get();
            assertEquals(created.getMetadata().getUid(), read.getMetadata().getUid(), what);
            assertTrue(kind.withLabel("made-by", "fabric8-it").list().getItems().stream()
                    .anyMatch(o -> o.getMetadata().getName().equals(name)), what + " listed");

            // Controllers write the apps kinds' status meanwhile: an update that meets a newer
            // resourceVersion is refused with 409 and tried again on a fresh read, as any client must.
            T updated = onConflictAgain(() -> {
                T fresh = kind.withName(name).get();
                fresh.getMetadata().getAnnotations().put("updated", "yes");
                return kind.resource(fresh).update();
            });
            assertEquals("yes", updated.getMetadata().getAnnotations().get("updated"), what);
            assertNotEquals(created.getMetadata().getResourceVersion(), updated.getMetadata().getResourceVersion(), what);

            T merged = kind.withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"metadata\":{\"labels\":{\"patched\":\"merge\"}}}");
            assertEquals("merge", merged.getMetadata().getLabels().get("patched"), what);
            T edited = onConflictAgain(() -> kind.withName(name).edit(o -> {
                o.getMetadata().getLabels().put("edited", "json-patch");
                return o;
            }));
            assertEquals("json-patch", edited.getMetadata().getLabels().get("edited"), what);
            T last = kind.withName(name).get();
            assertEquals(Map.of("made-by", "fabric8-it", "patched", "merge", "edited", "json-patch"),
                    last.getMetadata().getLabels(), what);
            assertEquals("yes", last.getMetadata().getAnnotations().get("updated"), what);
        } finally {
            assertFalse(kind.withName(name).delete().isEmpty(), what + " deleted");
        }
        kind.withName(name).waitUntilCondition(Objects::isNull, DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertNull(kind.withName(name).get(), what + " gone");
    }

    /** Runs the write again (at most five times) while it is refused with 409 Conflict. */
    private static <T> T onConflictAgain(java.util.function.Supplier<T> write) {
        for (int attempt = 1;; attempt++) {
            try {
                return write.get();
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static ObjectMeta meta(String name) {
        return new ObjectMetaBuilder().withName(name).addToLabels("made-by", "fabric8-it")
                .addToAnnotations("kept", "yes").build();
    }

    private static PodTemplateSpec template(String app) {
        return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", app).endMetadata().withNewSpec()
                .withSchedulerName("kybern-test-no-scheduler") // should a pod be made: no kubelet pulls busybox
                .addNewContainer().withName("app").withImage("busybox").endContainer().endSpec().build();
    }

    // --- subresources ------------------------------------------------------------------------------

    @Test
    void statusAndScaleSubresources() {
        var web = client.apps().deployments().inNamespace(NAMESPACE);
        Deployment created = web.resource(new DeploymentBuilder().withMetadata(meta("subresources")).withNewSpec()
                .withReplicas(2).withNewSelector().addToMatchLabels("app", "sub").endSelector()
                .withTemplate(template("sub")).endSpec().build()).create();
        try {
            // The status goes through /status only; a spec change sent along with it is ignored.
            Deployment withStatus = web.withName("subresources").get();
            withStatus.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                    .withReplicas(2).withReadyReplicas(1).withObservedGeneration(1L).build());
            withStatus.getSpec().setReplicas(7);
            Deployment statusUpdated = web.resource(withStatus).updateStatus();
            assertEquals(1, statusUpdated.getStatus().getReadyReplicas());
            assertEquals(2, statusUpdated.getSpec().getReplicas(), "spec unchanged through /status");

            // ...and an update of the object leaves the status alone.
            Deployment read = web.withName("subresources").get();
            read.getStatus().setReadyReplicas(0);
            Deployment objectUpdated = web.resource(read).update();
            assertEquals(1, objectUpdated.getStatus().getReadyReplicas(), "status unchanged through the object");

            Deployment scaled = web.withName("subresources").scale(3);
            assertNotNull(scaled);
            assertEquals(3, web.withName("subresources").get().getSpec().getReplicas());
            assertEquals(3, web.withName("subresources").scale().getSpec().getReplicas());
            assertTrue(created.getMetadata().getGeneration() < web.withName("subresources").get().getMetadata()
                    .getGeneration(), "scaling changes the spec, so the generation");
        } finally {
            web.withName("subresources").delete();
        }
    }

    // --- informers, conflicts, expired watches -----------------------------------------------------

    @Test
    void anInformerSeesAddUpdateAndDelete() throws Exception {
        var configMaps = client.configMaps().inNamespace(NAMESPACE);
        Events events = new Events();
        SharedIndexInformer<ConfigMap> informer = configMaps.withLabel("informer", "add-update-delete").inform(events);
        try {
            ConfigMap cm = configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName("informed")
                    .addToLabels("informer", "add-update-delete").endMetadata().addToData("n", "1").build()).create();
            assertEquals("ADDED informed 1", events.next());
            configMaps.withName("informed").edit(c -> new ConfigMapBuilder(c).addToData("n", "2").build());
            assertEquals("MODIFIED informed 2", events.next());
            configMaps.withName("informed").delete();
            assertEquals("DELETED informed 2", events.next());
            assertTrue(informer.getStore().list().isEmpty(), "the cache is empty again");
            assertNotNull(cm);
        } finally {
            informer.close();
            configMaps.withName("informed").delete();
        }
    }

    @Test
    void anUpdateWithAStaleResourceVersionIsAConflict() {
        var configMaps = client.configMaps().inNamespace(NAMESPACE);
        ConfigMap stale = configMaps.resource(new ConfigMapBuilder().withMetadata(meta("conflict"))
                .addToData("n", "1").build()).create();
        try {
            configMaps.withName("conflict").edit(c -> new ConfigMapBuilder(c).addToData("n", "2").build());
            stale.getData().put("n", "3");
            KubernetesClientException conflict = assertThrows(KubernetesClientException.class,
                    () -> configMaps.resource(stale).update());
            assertEquals(409, conflict.getCode());
            assertEquals("Conflict", conflict.getStatus().getReason());
            assertEquals("2", configMaps.withName("conflict").get().getData().get("n"));
        } finally {
            configMaps.withName("conflict").delete();
        }
    }

    /**
     * A watch from a revision the store has compacted away ends with 410 Gone, and an informer whose
     * watch meets that lists again and keeps seeing changes. The embedded store keeps the last
     * {@code watchHistory} revisions; set to 50 (the store restarts with it, which also ends open
     * watches), the informer's revision, a hundred churned revisions ago, is compacted, and afterwards
     * it is set back. Not smaller: after the restart every informer of the shared cluster lists again
     * at once, and with a history of a few revisions, which its busy moments write within a second,
     * their watches would find their list's revision compacted again and again.
     */
    @Test
    void aWatchFromACompactedRevisionIsGoneAndAnInformerRelistsAndCarriesOn() throws Exception {
        String namespace = NAMESPACE + "-gone";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                .build()).create();
        var configMaps = client.configMaps().inNamespace(namespace);
        Events events = new Events();
        SharedIndexInformer<ConfigMap> informer = configMaps.inform(events);
        try {
            configMaps.resource(new ConfigMapBuilder().withMetadata(meta("before")).addToData("n", "1").build()).create();
            assertEquals("ADDED before 1", events.next());
            String staleRevision = informer.lastSyncResourceVersion();
            assertEquals(1, events.lists.get(), "one list so far");

            // Revisions the informer's watch does not see (another namespace), then compaction.
            var elsewhere = client.configMaps().inNamespace(NAMESPACE);
            for (int i = 0; i < 50; i++) {
                elsewhere.resource(new ConfigMapBuilder().withMetadata(meta("churn-" + i)).build()).create();
                elsewhere.withName("churn-" + i).delete();
            }
            setWatchHistory("50");

            // A plain watch from the informer's revision: 410 Gone.
            CompletableFuture<WatcherException> closed = new CompletableFuture<>();
            try (Watch watch = configMaps.watch(new ListOptionsBuilder().withResourceVersion(staleRevision).build(),
                    new Watcher<ConfigMap>() {
                        @Override
                        public void eventReceived(Action action, ConfigMap resource) {
                        }

                        @Override
                        public void onClose(WatcherException cause) {
                            closed.complete(cause);
                        }
                    })) {
                WatcherException gone = closed.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                assertTrue(gone.isHttpGone(), gone.toString());
                assertEquals(410, gone.asClientException().getCode());
                assertNotNull(watch);
            }

            // The informer met the same 410 when its watch reconnected (or a 503 while the store
            // restarted), and listed again, from a newer revision.
            await(() -> events.lists.get() >= 2
                    && Long.parseLong(informer.lastSyncResourceVersion()) > Long.parseLong(staleRevision),
                    () -> "the informer lists again (list attempts: " + events.lists.get() + ", last sync at "
                            + informer.lastSyncResourceVersion() + ", stale " + staleRevision + ")");
            configMaps.resource(new ConfigMapBuilder().withMetadata(meta("after")).addToData("n", "1").build()).create();
            configMaps.withName("after").edit(c -> new ConfigMapBuilder(c).addToData("n", "2").build());
            configMaps.withName("before").delete();
            // Should no event come, the failure says what state the informer was in.
            Supplier<String> state = () -> "informer running " + informer.isRunning() + ", watching "
                    + informer.isWatching() + ", last sync at " + informer.lastSyncResourceVersion() + ", list attempts "
                    + events.lists.get() + ", stopped " + informer.stopped().toCompletableFuture();
            List<String> seen = List.of(events.next(state), events.next(state), events.next(state));
            assertEquals(List.of("ADDED after 1", "MODIFIED after 2", "DELETED before 1"), seen);
        } finally {
            informer.close();
            setWatchHistory(null);
            client.namespaces().withName(namespace).delete();
        }
    }

    /** Sets (or with {@code null} removes) the embedded store's watchHistory; the store restarts with it. */
    private static void setWatchHistory(String value) throws Exception {
        KybernCluster.Result set = value == null
                ? cluster.kybern("console", "config:property-delete -p org.kybern.store.embedded watchHistory")
                : cluster.kybern("console", "config:property-set -p org.kybern.store.embedded watchHistory " + value);
        assertEquals(0, set.exitCode(), set.output());
        // The API answers from the restarted store once a write goes through.
        await(() -> {
            try {
                client.configMaps().inNamespace(NAMESPACE).withName("store-probe").delete();
                client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata()
                        .withName("store-probe").endMetadata().build()).create();
                return true;
            } catch (KubernetesClientException e) {
                return false;
            }
        }, () -> "the API writes again after the store restarted");
        client.configMaps().inNamespace(NAMESPACE).withName("store-probe").delete();
    }

    private static void await(Supplier<Boolean> condition, Supplier<String> what) throws InterruptedException {
        await(DEADLINE, condition, what);
    }

    private static void await(Duration timeout, Supplier<Boolean> condition, Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what.get());
            }
            Thread.sleep(100);
        }
    }

    /** What an informer reports, as "ADDED name n" lines, and how many lists it made. */
    private static final class Events implements ResourceEventHandler<ConfigMap> {
        final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        final AtomicInteger lists = new AtomicInteger();

        @Override
        public void onBeforeList(String resourceVersion) {
            lists.incrementAndGet();
        }

        @Override
        public void onAdd(ConfigMap cm) {
            seen.add("ADDED " + line(cm));
        }

        @Override
        public void onUpdate(ConfigMap oldCm, ConfigMap newCm) {
            // A re-list reports every cached object as updated, changed or not: only changes count.
            if (!oldCm.getMetadata().getResourceVersion().equals(newCm.getMetadata().getResourceVersion())) {
                seen.add("MODIFIED " + line(newCm));
            }
        }

        @Override
        public void onDelete(ConfigMap cm, boolean finalStateUnknown) {
            seen.add("DELETED " + line(cm));
        }

        String next() throws InterruptedException {
            return next(() -> "");
        }

        String next(Supplier<String> context) throws InterruptedException {
            String event = seen.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(event, () -> "an informer event within " + DEADLINE.toSeconds() + " s " + context.get());
            return event;
        }

        private static String line(ConfigMap cm) {
            return cm.getMetadata().getName() + " " + cm.getData().get("n");
        }
    }
}

package org.kybern.tests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The namespace and service-account controllers on the running distribution: a new namespace gets a
 * ServiceAccount {@code default} (again when deleted); {@code kubectl delete namespace} leaves it
 * Terminating, refusing new content, while everything in it is deleted — pods stopped in Docker — and
 * then removes it.
 */
@ExtendWith(SharedCluster.class)
class NamespaceIT {

    private static final String NS = "namespace-it";
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private static KybernCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void connect() throws Exception {
        cluster = SharedCluster.get();
        client = cluster.client();
        PodsIT.awaitNodeReady(client, cluster.nodeName());
    }

    private static ServiceAccount defaultAccount() {
        return client.serviceAccounts().inNamespace(NS).withName("default").get();
    }

    @Test
    void deletingANamespaceDeletesEverythingInItThenTheNamespace() throws Exception {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
        ServiceAccount first = Await.until(SETTLE, "ServiceAccount default made", NamespaceIT::defaultAccount,
                sa -> true);
        client.serviceAccounts().inNamespace(NS).withName("default").delete();
        ServiceAccount again = Await.until(SETTLE, "ServiceAccount default made again", NamespaceIT::defaultAccount,
                sa -> !sa.getMetadata().getUid().equals(first.getMetadata().getUid()));
        assertNotNull(again);

        // Pods that ignore SIGTERM and have 4 s to stop keep the namespace Terminating for a while.
        ReplicaSet rs = Workloads.replicaSet(client, NS, "web", 2, 4);
        List<Pod> pods = Workloads.awaitReady(client, NS, "web", rs, 2, SETTLE);
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("settings")
                .endMetadata().addToData("colour", "blue").build()).create();
        client.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().addToSelector("app", "web").addNewPort().withPort(80).endPort().endSpec().build())
                .create();
        List<String> uids = pods.stream().map(p -> p.getMetadata().getUid()).toList();
        for (String uid : uids) {
            assertTrue(!Docker.runningLabelled("io.kybern.pod.uid", uid).isEmpty(), "the pod's containers run in Docker");
        }

        KybernCluster.Result deleted = cluster.kubectl("delete", "namespace", NS, "--wait=false");
        assertEquals(0, deleted.exitCode(), deleted.output());
        Namespace terminating = client.namespaces().withName(NS).get();
        assertEquals("Terminating", terminating.getStatus().getPhase());
        KybernCluster.Result refused = cluster.kubectl("create", "configmap", "late", "-n", NS);
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.output().contains("unable to create new content in namespace " + NS
                + " because it is being terminated"), refused.output());

        long start = System.nanoTime();
        Await.until(SETTLE, "namespace gone", () -> client.namespaces().withName(NS).get() == null ? "gone" : "there",
                "gone"::equals);
        System.out.printf("NamespaceIT: namespace gone %d ms after kubectl delete returned%n",
                (System.nanoTime() - start) / 1_000_000);
        assertEquals(List.of(), client.pods().inNamespace(NS).list().getItems());
        assertEquals(List.of(), client.apps().replicaSets().inNamespace(NS).list().getItems());
        assertEquals(List.of(), client.configMaps().inNamespace(NS).list().getItems());
        assertEquals(List.of(), client.services().inNamespace(NS).list().getItems());
        assertEquals(List.of(), client.serviceAccounts().inNamespace(NS).list().getItems());
        for (String uid : uids) {
            Await.until(SETTLE, "containers of pod " + uid + " removed from dockerd",
                    () -> containers(uid), List::isEmpty);
        }
    }

    private static List<String> containers(String podUid) {
        try {
            return Docker.containersLabelled("io.kybern.pod.uid", podUid);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theSystemNamespacesExistAndHaveADefaultServiceAccount() throws Exception {
        for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
            Namespace namespace = client.namespaces().withName(ns).get();
            assertNotNull(namespace, ns);
            assertEquals("Active", namespace.getStatus().getPhase());
            Await.until(SETTLE, "ServiceAccount default in " + ns,
                    () -> client.serviceAccounts().inNamespace(ns).withName("default").get(), sa -> true);
        }
    }
}

package org.kybern.tests.system;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Workloads for the controllers' system tests: a fresh namespace; a ReplicaSet whose pods (labelled
 * {@code app=<name>}) run busybox and ignore SIGTERM, so each takes its whole grace period to stop and
 * the moments "being deleted" and "gone" are told apart; and waiting for those pods.
 */
final class Workloads {

    private Workloads() {
    }

    /** Creates namespace {@code name} on the cluster, once its node is Ready; returns the cluster's client. */
    static KubernetesClient newNamespace(KybernCluster cluster, String name) throws Exception {
        KubernetesClient client = cluster.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
        PodsIT.awaitNodeReady(client, cluster.nodeName());
        return client;
    }

    /**
     * Creates ReplicaSet {@code name} of {@code replicas} pods that take {@code graceSeconds} to stop,
     * owned by {@code owners}.
     */
    static ReplicaSet replicaSet(KubernetesClient client, String namespace, String name, int replicas,
            int graceSeconds, OwnerReference... owners) {
        ReplicaSet rs = client.apps().replicaSets().inNamespace(namespace).load(new ByteArrayInputStream(
                yaml("ReplicaSet", name, replicas, graceSeconds).getBytes(StandardCharsets.UTF_8))).item();
        rs.getMetadata().setOwnerReferences(List.of(owners));
        return client.apps().replicaSets().inNamespace(namespace).resource(rs).create();
    }

    /** Creates Deployment {@code name} of {@code replicas} pods that take {@code graceSeconds} to stop. */
    static Deployment deployment(KubernetesClient client, String namespace, String name, int replicas, int graceSeconds) {
        return client.apps().deployments().inNamespace(namespace).load(new ByteArrayInputStream(
                yaml("Deployment", name, replicas, graceSeconds).getBytes(StandardCharsets.UTF_8))).create();
    }

    private static String yaml(String kind, String name, int replicas, int graceSeconds) {
        return """
                apiVersion: apps/v1
                kind: %4$s
                metadata:
                  name: %1$s
                spec:
                  replicas: %2$d
                  selector:
                    matchLabels:
                      app: %1$s
                  template:
                    metadata:
                      labels:
                        app: %1$s
                    spec:
                      terminationGracePeriodSeconds: %3$d
                      containers:
                      - name: main
                        image: kybern/busybox:1
                        command: ["sh", "-c", "while :; do sleep 1; done"]
                """.formatted(name, replicas, graceSeconds, kind);
    }

    /** The pods labelled {@code app=<app>}, terminating ones included. */
    static List<Pod> pods(KubernetesClient client, String namespace, String app) {
        return client.pods().inNamespace(namespace).withLabel("app", app).list().getItems();
    }

    /** Waits until {@code n} pods labelled {@code app=<app>}, owned by {@code owner}, are Ready. */
    static List<Pod> awaitReady(KubernetesClient client, String namespace, String app, HasMetadata owner, int n,
            Duration timeout) throws InterruptedException {
        return Await.until(timeout, n + " pods of " + app + " Ready", () -> pods(client, namespace, app),
                ps -> ps.size() == n && ps.stream().allMatch(p -> Pods.ready(p) && ownedBy(p, owner)));
    }

    /** A reference to {@code owner} that blocks its foreground deletion, as a controller's. */
    static OwnerReference blockingReference(HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withBlockOwnerDeletion(true).build();
    }

    static boolean ownedBy(HasMetadata object, HasMetadata owner) {
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
        return refs != null && refs.stream().anyMatch(r -> r.getUid().equals(owner.getMetadata().getUid()));
    }

    static boolean hasOwners(HasMetadata object) {
        return object.getMetadata().getOwnerReferences() != null && !object.getMetadata().getOwnerReferences().isEmpty();
    }
}

package org.kybern.tests.system;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/** What tests of running pods share: making pods from YAML, waiting for their status, reading it. */
final class Pods {

    private Pods() {
    }

    /** Creates the namespace a test works in. */
    static void createNamespace(KubernetesClient client, String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
    }

    /** Creates a pod from YAML, bound to {@code nodeName} (as the scheduler would), in {@code namespace}. */
    static Pod create(KubernetesClient client, String namespace, String nodeName, String yaml) {
        Pod pod = client.pods().inNamespace(namespace)
                .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).item();
        pod.getSpec().setNodeName(nodeName);
        return client.pods().inNamespace(namespace).resource(pod).create();
    }

    /** Polls the pod until {@code condition} holds; fails with the pod's last status after {@code timeout}. */
    static Pod await(KubernetesClient client, String namespace, String name, Duration timeout, String what,
            Predicate<Pod> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Pod pod = null;
        while (System.nanoTime() < deadline) {
            pod = client.pods().inNamespace(namespace).withName(name).get();
            if (pod != null && condition.test(pod)) {
                return pod;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("pod " + namespace + "/" + name + " not " + what + " within " + timeout
                + "; last seen:\n" + (pod == null ? "(gone)" : Serialization.asYaml(pod.getStatus())));
    }

    /** Waits until the pod object is gone; returns how long that took. */
    static Duration awaitGone(KubernetesClient client, String namespace, String name, Duration timeout)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (client.pods().inNamespace(namespace).withName(name).get() == null) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("pod " + namespace + "/" + name + " still exists after " + timeout);
    }

    static boolean running(Pod pod) {
        return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
    }

    /** The pod's condition {@code type} is {@code True}. */
    static boolean condition(Pod pod, String type) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static boolean ready(Pod pod) {
        return running(pod) && condition(pod, "Ready");
    }

    /** The status of container {@code name}, or {@code null} while the kubelet has not reported it. */
    static ContainerStatus container(Pod pod, String name) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        return pod.getStatus().getContainerStatuses().stream().filter(c -> name.equals(c.getName())).findFirst()
                .orElse(null);
    }

    static int restarts(Pod pod, String container) {
        ContainerStatus status = container(pod, container);
        return status == null || status.getRestartCount() == null ? 0 : status.getRestartCount();
    }

    /** The reason container {@code name} is waiting, or {@code null}. */
    static String waitingReason(Pod pod, String name) {
        ContainerStatus status = container(pod, name);
        return status == null || status.getState() == null || status.getState().getWaiting() == null ? null
                : status.getState().getWaiting().getReason();
    }

    static boolean containerRunning(Pod pod, String name) {
        ContainerStatus status = container(pod, name);
        return status != null && status.getState() != null && status.getState().getRunning() != null;
    }

    static boolean containerReady(Pod pod, String name) {
        ContainerStatus status = container(pod, name);
        return status != null && Objects.equals(Boolean.TRUE, status.getReady());
    }


    /** Deletes every pod of {@code namespace} and waits (a minute at most) until they are gone: a test's clean-up. */
    static void deleteAll(KybernCluster cluster, String namespace) throws Exception {
        cluster.kubectl("delete", "pods", "--all", "-n", namespace, "--wait=true", "--timeout=60s");
    }
}

package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Instant;
import java.util.Map;

/** Objects for the controllers' table tests: ReplicaSets and pods in the states the tables need. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");

    private Fixtures() {
    }

    /** A ReplicaSet {@code web} (UID rs-web) selecting app=web, of {@code replicas}, generation 2. */
    static ReplicaSetBuilder rs(int replicas) {
        return new ReplicaSetBuilder().withNewMetadata().withNamespace("shop").withName("web").withUid("rs-web")
                .withGeneration(2L).endMetadata().withNewSpec().withReplicas(replicas).withNewSelector()
                .addToMatchLabels("app", "web").endSelector().withNewTemplate().withNewMetadata()
                .addToLabels("app", "web").addToLabels("tier", "front").endMetadata().withNewSpec().addNewContainer()
                .withName("web").withImage("kybern/web:1").endContainer().endSpec().endTemplate().endSpec();
    }

    /** A Running, Ready pod labelled app=web, tier=front, owned by {@code owner} (null: an orphan). */
    static PodBuilder pod(String name, ReplicaSet owner) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withNamespace("shop").withName(name).withUid("uid-" + name)
                .withLabels(Map.of("app", "web", "tier", "front")).withCreationTimestamp("2026-12-05T07:00:00Z")
                .endMetadata().withNewSpec().withNodeName("n1").endSpec().withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime("2026-12-05T07:01:00Z")
                .endCondition().endStatus();
        if (owner != null) {
            pod.editMetadata().addToOwnerReferences(Owners.reference(owner)).endMetadata();
        }
        return pod;
    }

    static PodBuilder notReady(PodBuilder pod) {
        return pod.editStatus().editFirstCondition().withStatus("False").endCondition().endStatus();
    }

    static PodBuilder readySince(PodBuilder pod, String at) {
        return pod.editStatus().editFirstCondition().withLastTransitionTime(at).endCondition().endStatus();
    }

    static PodBuilder created(PodBuilder pod, String at) {
        return pod.editMetadata().withCreationTimestamp(at).endMetadata();
    }

    static PodBuilder phase(PodBuilder pod, String phase) {
        return pod.editStatus().withPhase(phase).endStatus();
    }

    static PodBuilder unscheduled(PodBuilder pod) {
        return phase(notReady(pod), "Pending").editSpec().withNodeName(null).endSpec();
    }

    static PodBuilder ownedBy(PodBuilder pod, OwnerReference ref) {
        return pod.editMetadata().withOwnerReferences(ref).endMetadata();
    }
}

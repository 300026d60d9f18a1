package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;

/** Deployments and their ReplicaSets in the states the Deployment tables need. */
final class DeploymentFixtures {

    private DeploymentFixtures() {
    }

    /** Deployment {@code web} (UID d-web, generation 1, observed) of image kybern/web:2, RollingUpdate. */
    static DeploymentBuilder deployment(int replicas, Object maxSurge, Object maxUnavailable) {
        return new DeploymentBuilder().withNewMetadata().withNamespace("shop").withName("web").withUid("d-web")
                .withGeneration(1L).endMetadata().withNewSpec().withReplicas(replicas).withNewSelector()
                .addToMatchLabels("app", "web").endSelector().withNewStrategy().withType("RollingUpdate")
                .withNewRollingUpdate().withMaxSurge(intOrString(maxSurge)).withMaxUnavailable(intOrString(maxUnavailable))
                .endRollingUpdate().endStrategy().withRevisionHistoryLimit(10).withProgressDeadlineSeconds(600)
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec()
                .addNewContainer().withName("web").withImage("kybern/web:2").endContainer().endSpec().endTemplate()
                .endSpec().withNewStatus().withObservedGeneration(1L).endStatus();
    }

    static Deployment deployment(int replicas) {
        return deployment(replicas, "25%", "25%").build();
    }

    static Deployment recreate(int replicas) {
        return deployment(replicas, "25%", "25%").editSpec().withNewStrategy().withType("Recreate").endStrategy()
                .endSpec().build();
    }

    private static IntOrString intOrString(Object value) {
        return value instanceof Integer i ? new IntOrString(i) : new IntOrString((String) value);
    }

    /** The ReplicaSet of {@code d}'s current template, as the controller made it, with this status. */
    static ReplicaSet current(Deployment d, int replicas, int available, long revision) {
        ReplicaSet rs = DeploymentReplicaSets.newReplicaSet(d, "cur", replicas, revision);
        return status(new ReplicaSetBuilder(rs).editMetadata().withUid("rs-cur").withCreationTimestamp(
                "2026-12-05T07:50:00Z").endMetadata(), replicas, available).build();
    }

    /**
     * An old ReplicaSet {@code name} of {@code d} (image kybern/web:&lt;name&gt;), sized for {@code d}'s
     * replicas, created at minute {@code minute} past 7.
     */
    static ReplicaSet old(Deployment d, String name, int replicas, int available, long revision, int minute) {
        Deployment other = new DeploymentBuilder(d).editSpec().editTemplate().editSpec().editFirstContainer()
                .withImage("kybern/web:" + name).endContainer().endSpec().endTemplate().endSpec().build();
        ReplicaSet rs = DeploymentReplicaSets.newReplicaSet(other, name, replicas, revision);
        return status(new ReplicaSetBuilder(rs).editMetadata().withName(name).withUid("rs-" + name)
                .withCreationTimestamp(String.format("2026-12-05T07:%02d:00Z", minute)).endMetadata(), replicas,
                available).build();
    }

    private static ReplicaSetBuilder status(ReplicaSetBuilder rs, int replicas, int available) {
        return rs.editMetadata().withGeneration(1L).endMetadata().withNewStatus().withReplicas(replicas)
                .withReadyReplicas(available).withAvailableReplicas(available).withObservedGeneration(1L).endStatus();
    }
}

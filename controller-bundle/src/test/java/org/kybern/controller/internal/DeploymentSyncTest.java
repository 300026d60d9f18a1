package org.kybern.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kybern.controller.internal.DeploymentFixtures.current;
import static org.kybern.controller.internal.DeploymentFixtures.deployment;
import static org.kybern.controller.internal.DeploymentFixtures.old;
import static org.kybern.controller.internal.DeploymentFixtures.recreate;
import static org.kybern.controller.internal.Fixtures.NOW;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Deployment controller's decisions, table by table: a Deployment and its ReplicaSets in, actions out. */
class DeploymentSyncTest {

    private static final Deployment D5 = deployment(5);
    private static final String NEW = "+new";

    /** What the plan sizes: each updated ReplicaSet's replicas, and the created one's as {@code +new}. */
    private static Map<String, Integer> sizes(DeploymentSync.Plan plan) {
        Map<String, Integer> sizes = new TreeMap<>();
        if (plan.create() != null) {
            sizes.put(NEW, plan.create().getSpec().getReplicas());
        }
        plan.update().forEach(rs -> sizes.put(rs.getMetadata().getName(), rs.getSpec().getReplicas()));
        return sizes;
    }

    private static DeploymentSync.Plan plan(Deployment d, ReplicaSet... replicaSets) {
        return DeploymentSync.plan(d, List.of(replicaSets), List.of(), NOW);
    }

    private static DeploymentCondition condition(DeploymentSync.Plan plan, String type) {
        return DeploymentStatuses.get(plan.status().getConditions(), type);
    }

    static Stream<Arguments> fenceposts() {
        return Stream.of(
                Arguments.of(10, "25%", "25%", 3, 2),
                Arguments.of(5, "25%", "25%", 2, 1),
                Arguments.of(2, "25%", "25%", 1, 0),
                Arguments.of(1, "25%", "25%", 1, 0),
                Arguments.of(10, "50%", 3, 5, 3),
                Arguments.of(3, 1, 1, 1, 1),
                Arguments.of(4, 0, 0, 0, 1),
                Arguments.of(10, "0%", "0%", 0, 1),
                Arguments.of(10, "10%", "19%", 1, 1),
                Arguments.of(2, 0, 5, 0, 2));
    }

    @ParameterizedTest(name = "{0} replicas, surge {1}, unavailable {2}: {3} more, {4} fewer")
    @MethodSource("fenceposts")
    void surgeRoundsUpUnavailableRoundsDownAndBothZeroAllowsOneUnavailable(int replicas, Object surge,
            Object unavailable, int maxSurge, int maxUnavailable) {
        Deployment d = deployment(replicas, surge, unavailable).build();
        assertEquals(maxSurge, DeploymentReplicaSets.maxSurge(d), "maxSurge");
        assertEquals(maxUnavailable, DeploymentReplicaSets.maxUnavailable(d), "maxUnavailable");
    }

    static Stream<Arguments> rollingSteps() {
        Deployment d = D5;
        return Stream.of(
                Arguments.of("first rollout: the new ReplicaSet takes all", List.of(), Map.of(NEW, 5)),
                Arguments.of("new template: new ReplicaSet within the surge, one old pod may go",
                        List.of(old(d, "v1", 5, 5, 1, 1)), Map.of(NEW, 2, "v1", 4)),
                Arguments.of("room under the surge: the new one grows",
                        List.of(old(d, "v1", 4, 4, 1, 1), current(d, 2, 0, 2)), Map.of(DeploymentReplicaSets.newReplicaSet(
                                d, "cur", 0, 0).getMetadata().getName(), 3)),
                Arguments.of("new pods not available: stuck at the bounds, old ones stay",
                        List.of(old(d, "v1", 4, 4, 1, 1), current(d, 3, 0, 2)), Map.of()),
                Arguments.of("new pods available: old ones go down to replicas - maxUnavailable",
                        List.of(old(d, "v1", 4, 4, 1, 1), current(d, 3, 3, 2)), Map.of("v1", 1)),
                Arguments.of("unhealthy old pods go first",
                        List.of(old(d, "v1", 5, 3, 1, 1), current(d, 2, 0, 2)), Map.of("v1", 4)),
                Arguments.of("oldest ReplicaSet scaled down first",
                        List.of(old(d, "v1", 2, 2, 1, 1), old(d, "v2", 3, 3, 2, 2), current(d, 2, 2, 3)),
                        Map.of("v1", 0, "v2", 2)),
                Arguments.of("last old pod goes", List.of(old(d, "v1", 1, 1, 1, 1), current(d, 5, 5, 2)),
                        Map.of("v1", 0)),
                Arguments.of("done: nothing", List.of(old(d, "v1", 0, 0, 1, 1), current(d, 5, 5, 2)), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rollingSteps")
    void aRollingUpdateMovesWithinMaxSurgeAndMaxUnavailable(String name, List<ReplicaSet> replicaSets,
            Map<String, Integer> expected) {
        DeploymentSync.Plan plan = DeploymentSync.plan(D5, replicaSets, List.of(), NOW);
        assertEquals(new TreeMap<>(expected), sizes(plan));
        int total = replicaSets.stream().mapToInt(DeploymentReplicaSets::replicas).sum();
        for (var size : sizes(plan).entrySet()) {
            ReplicaSet before = replicaSets.stream().filter(rs -> rs.getMetadata().getName().equals(size.getKey()))
                    .findFirst().orElse(null);
            total += size.getValue() - (before == null ? 0 : DeploymentReplicaSets.replicas(before));
        }
        assertTrue(total <= 5 + 2, "never more than replicas + maxSurge: " + total);
    }

    @Test
    void aBrokenNewVersionLeavesTheOldPodsServingAndTimesOut() {
        Deployment stuck = new DeploymentBuilder(D5).editSpec().withProgressDeadlineSeconds(10).endSpec().editStatus()
                .withReplicas(7).withUpdatedReplicas(3).withAvailableReplicas(4).withReadyReplicas(4)
                .addNewCondition().withType("Progressing").withStatus("True").withReason("ReplicaSetUpdated")
                .withLastUpdateTime("2026-12-05T07:59:45Z").withLastTransitionTime("2026-12-05T07:59:00Z")
                .endCondition().endStatus().build();
        ReplicaSet v1 = old(stuck, "v1", 4, 4, 1, 1);
        ReplicaSet broken = current(stuck, 3, 0, 2);
        DeploymentSync.Plan plan = plan(stuck, v1, broken);
        assertEquals(Map.of(), sizes(plan), "nothing scaled: the old pods keep serving");
        DeploymentCondition progressing = condition(plan, "Progressing");
        assertEquals("False", progressing.getStatus());
        assertEquals("ProgressDeadlineExceeded", progressing.getReason());
        assertEquals("ReplicaSet \"" + broken.getMetadata().getName() + "\" has timed out progressing.",
                progressing.getMessage());
        assertEquals("True", condition(plan, "Available").getStatus(), "4 of 5 available is the minimum");
        assertNull(plan.requeueAfter());

        Deployment notYet = new DeploymentBuilder(stuck).editStatus().editFirstCondition()
                .withLastUpdateTime("2026-12-05T07:59:55Z").endCondition().endStatus().build();
        DeploymentSync.Plan waiting = plan(notYet, v1, broken);
        assertEquals("ReplicaSetUpdated", condition(waiting, "Progressing").getReason());
        assertEquals(Duration.ofSeconds(6), waiting.requeueAfter(), "looks again when the deadline passes");
    }

    @Test
    void progressRefreshesTheProgressingCondition() {
        Deployment before = new DeploymentBuilder(D5).editStatus().withReplicas(7).withUpdatedReplicas(3)
                .withAvailableReplicas(4).withReadyReplicas(4).addNewCondition().withType("Progressing")
                .withStatus("True").withReason("ReplicaSetUpdated").withLastUpdateTime("2026-12-05T07:00:00Z")
                .withLastTransitionTime("2026-12-05T06:00:00Z").endCondition().endStatus().build();
        DeploymentSync.Plan plan = plan(before, old(before, "v1", 4, 4, 1, 1), current(before, 3, 3, 2));
        DeploymentCondition progressing = condition(plan, "Progressing");
        assertEquals("ReplicaSetUpdated", progressing.getReason());
        assertEquals("2026-12-05T08:00:00Z", progressing.getLastUpdateTime());
        assertEquals("2026-12-05T06:00:00Z", progressing.getLastTransitionTime());
    }

    @Test
    void aCompleteRolloutSaysSo() {
        ReplicaSet cur = current(D5, 5, 5, 2);
        DeploymentSync.Plan plan = plan(D5, old(D5, "v1", 0, 0, 1, 1), cur);
        DeploymentCondition progressing = condition(plan, "Progressing");
        assertEquals("True", progressing.getStatus());
        assertEquals("NewReplicaSetAvailable", progressing.getReason());
        assertEquals("ReplicaSet \"" + cur.getMetadata().getName() + "\" has successfully progressed.",
                progressing.getMessage());
        assertEquals("MinimumReplicasAvailable", condition(plan, "Available").getReason());
        var status = plan.status();
        assertEquals(List.of(5, 5, 5, 5, 0), List.of(status.getReplicas(), status.getUpdatedReplicas(),
                status.getReadyReplicas(), status.getAvailableReplicas(), status.getUnavailableReplicas()));
        assertEquals(1L, status.getObservedGeneration());
        assertEquals("2", plan.revision(), "the Deployment carries its new ReplicaSet's revision");
    }

    @Test
    void tooFewAvailableIsMinimumReplicasUnavailable() {
        DeploymentSync.Plan plan = plan(D5, current(D5, 5, 3, 1));
        DeploymentCondition available = condition(plan, "Available");
        assertEquals("False", available.getStatus());
        assertEquals("MinimumReplicasUnavailable", available.getReason());
        assertEquals(2, plan.status().getUnavailableReplicas());
    }

    @Test
    void aNewReplicaSetIsNamedLabelledAndAnnotatedAfterItsTemplate() {
        Deployment settled = new DeploymentBuilder(D5).editStatus().withReplicas(5).withReadyReplicas(5)
                .withAvailableReplicas(5).endStatus().build();
        DeploymentSync.Plan plan = plan(settled, old(D5, "v1", 5, 5, 3, 1));
        ReplicaSet created = plan.create();
        String hash = created.getMetadata().getLabels().get("pod-template-hash");
        assertEquals("web-" + hash, created.getMetadata().getName());
        assertEquals(hash, created.getSpec().getSelector().getMatchLabels().get("pod-template-hash"));
        assertEquals(hash, created.getSpec().getTemplate().getMetadata().getLabels().get("pod-template-hash"));
        assertEquals("web", created.getSpec().getSelector().getMatchLabels().get("app"));
        assertEquals(Map.of("deployment.kubernetes.io/revision", "4", "deployment.kubernetes.io/desired-replicas", "5",
                "deployment.kubernetes.io/max-replicas", "7"), created.getMetadata().getAnnotations());
        assertEquals("d-web", Owners.controllerOf(created).getUid());
        assertEquals("Deployment", Owners.controllerOf(created).getKind());
        assertEquals("NewReplicaSetCreated", condition(plan, "Progressing").getReason());
        assertEquals("Created new replica set \"" + created.getMetadata().getName() + "\"",
                condition(plan, "Progressing").getMessage());
        assertEquals("4", plan.revision());

        Deployment changed = new DeploymentBuilder(D5).editSpec().editTemplate().editMetadata()
                .addToAnnotations("kubectl.kubernetes.io/restartedAt", "now").endMetadata().endTemplate().endSpec().build();
        assertEquals(hash, DeploymentReplicaSets.hash(D5.getSpec().getTemplate(), null), "the same template, the same hash");
        assertNotEquals(hash, DeploymentReplicaSets.hash(changed.getSpec().getTemplate(), null));
        assertTrue(hash.matches("[bcdfghjklmnpqrstvwxz2456789]+"), hash);
    }

    @Test
    void goingBackToAnOldTemplateReusesItsReplicaSetWithTheNextRevision() {
        ReplicaSet former = current(D5, 0, 0, 1);
        DeploymentSync.Plan plan = plan(D5, former, old(D5, "v2", 5, 5, 2, 55));
        assertNull(plan.create());
        ReplicaSet reused = plan.update().stream()
                .filter(rs -> rs.getMetadata().getName().equals(former.getMetadata().getName())).findFirst().orElseThrow();
        assertEquals("3", reused.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
        assertEquals(2, reused.getSpec().getReplicas(), "it grows within the surge");
        assertEquals("3", plan.revision());
    }

    static Stream<Arguments> recreateSteps() {
        Deployment d = recreate(3);
        ReplicaSet v1 = old(d, "v1", 0, 0, 1, 1);
        Pod running = Fixtures.pod("old-pod", v1).build();
        Pod terminating = Fixtures.pod("old-pod", v1).editMetadata().withDeletionTimestamp("2026-12-05T07:59:59Z")
                .endMetadata().build();
        return Stream.of(
                Arguments.of("old pods run: old ReplicaSet to 0 first", List.of(old(d, "v1", 3, 3, 1, 1)), List.of(),
                        Map.of("v1", 0)),
                Arguments.of("old ReplicaSet at 0 but its pods still there: wait", List.of(v1), List.of(terminating),
                        Map.of()),
                Arguments.of("old pod still counted in its status: wait",
                        List.of(new ReplicaSetBuilder(v1).editStatus().withReplicas(1).endStatus().build()),
                        List.of(running), Map.of()),
                Arguments.of("old pods gone: the new ReplicaSet with all replicas", List.of(v1), List.of(),
                        Map.of(NEW, 3)),
                Arguments.of("new ReplicaSet at 0 with old pods gone: scaled up",
                        List.of(v1, current(d, 0, 0, 2)), List.of(), Map.of(DeploymentReplicaSets.newReplicaSet(
                                d, "cur", 0, 0).getMetadata().getName(), 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recreateSteps")
    void recreateStopsTheOldPodsBeforeStartingNewOnes(String name, List<ReplicaSet> replicaSets, List<Pod> pods,
            Map<String, Integer> expected) {
        assertEquals(new TreeMap<>(expected), sizes(DeploymentSync.plan(recreate(3), replicaSets, pods, NOW)));
    }

    static Stream<Arguments> scaling() {
        Deployment d5 = D5;
        Deployment paused = new DeploymentBuilder(D5).editSpec().withPaused(true).endSpec().build();
        Deployment d10 = deployment(10);
        Deployment paused10 = new DeploymentBuilder(d10).editSpec().withPaused(true).endSpec().build();
        return Stream.of(
                Arguments.of("paused with a new template: no new ReplicaSet", paused, List.of(old(d5, "v1", 5, 5, 1, 1)),
                        Map.of()),
                Arguments.of("paused and resized: the only active ReplicaSet takes it", paused10,
                        List.of(old(d5, "v1", 5, 5, 1, 1)), Map.of("v1", 10)),
                Arguments.of("resized mid-rollout: shared in proportion (7 of 13 and 6 of 13)", d10,
                        List.of(old(d5, "v1", 4, 4, 1, 1), current(d5, 3, 0, 2)),
                        Map.of("v1", 7, DeploymentReplicaSets.newReplicaSet(d5, "cur", 0, 0).getMetadata().getName(), 6)),
                Arguments.of("resized down mid-rollout: in proportion (2 and 1 of 3)", deployment(2),
                        List.of(old(d5, "v1", 4, 4, 1, 1), current(d5, 3, 0, 2)),
                        Map.of("v1", 2, DeploymentReplicaSets.newReplicaSet(d5, "cur", 0, 0).getMetadata().getName(), 1)),
                Arguments.of("resized with the new ReplicaSet saturated: old ones to 0", deployment(3),
                        List.of(old(d5, "v1", 1, 1, 1, 1), new ReplicaSetBuilder(current(d5, 3, 3, 2)).editMetadata()
                                .addToAnnotations("deployment.kubernetes.io/desired-replicas", "3").endMetadata()
                                .build()), Map.of("v1", 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scaling")
    void resizingAndPausingScaleWithoutRollingOut(String name, Deployment d, List<ReplicaSet> replicaSets,
            Map<String, Integer> expected) {
        DeploymentSync.Plan plan = DeploymentSync.plan(d, replicaSets, List.of(), NOW);
        assertEquals(new TreeMap<>(expected), sizes(plan));
        for (ReplicaSet rs : plan.update()) {
            assertEquals(Integer.toString(DeploymentReplicaSets.replicas(d)),
                    rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/desired-replicas"));
        }
    }

    @Test
    void pausingAndResumingShowInTheProgressingCondition() {
        Deployment paused = new DeploymentBuilder(D5).editSpec().withPaused(true).endSpec().build();
        DeploymentSync.Plan plan = plan(paused, current(D5, 5, 5, 1));
        assertEquals(List.of("Unknown", "DeploymentPaused", "Deployment is paused"), List.of(condition(plan,
                "Progressing").getStatus(), condition(plan, "Progressing").getReason(),
                condition(plan, "Progressing").getMessage()));
        Deployment resumed = new DeploymentBuilder(D5).editStatus().withConditions(plan.status().getConditions())
                .withReplicas(5).withReadyReplicas(5).withAvailableReplicas(5).endStatus().build();
        DeploymentSync.Plan after = plan(resumed, old(D5, "v1", 5, 5, 1, 1));
        assertEquals("NewReplicaSetCreated", condition(after, "Progressing").getReason(),
                "no longer DeploymentPaused once resumed");
        assertEquals(Map.of(NEW, 2, "v1", 4), sizes(after), "resumed: the rollout goes on");
    }

    @Test
    void oldReplicaSetsBeyondTheHistoryLimitAreDeletedOnceEmpty() {
        Deployment d = new DeploymentBuilder(D5).editSpec().withRevisionHistoryLimit(2).endSpec().build();
        DeploymentSync.Plan plan = plan(d, old(d, "v1", 0, 0, 1, 1), old(d, "v2", 0, 0, 2, 2), old(d, "v3", 0, 0, 3, 3),
                old(d, "v4", 0, 0, 4, 4), current(d, 5, 5, 5));
        assertEquals(List.of("v1", "v2"), plan.delete().stream().map(rs -> rs.getMetadata().getName()).toList());

        DeploymentSync.Plan busy = plan(d, old(d, "v1", 1, 1, 1, 1), old(d, "v2", 0, 0, 2, 2), old(d, "v3", 0, 0, 3, 3),
                current(d, 5, 5, 4));
        assertEquals(List.of(), busy.delete(), "not while the rollout is incomplete");
    }

    @Test
    void aStatusWrittenBackAsTheServerReturnsItIsNotWrittenAgain() {
        Deployment d = deployment(5);
        List<ReplicaSet> replicaSets = List.of(old(d, "v1", 1, 1, 1, 1), current(d, 5, 4, 2));
        DeploymentSync.Plan first = DeploymentSync.plan(d, replicaSets, List.of(), NOW);
        Deployment written = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                io.fabric8.kubernetes.client.utils.Serialization.asJson(new DeploymentBuilder(d)
                        .withStatus(first.status()).build()), Deployment.class);
        DeploymentSync.Plan again = DeploymentSync.plan(written, replicaSets, List.of(), NOW.plusSeconds(3));
        assertEquals(written.getStatus(), again.status(), "level-triggered: the same observation, the same status");
    }

    @Test
    void adoptsMatchingOrphanReplicaSetsAndReleasesThoseThatStoppedMatching() {
        ReplicaSet orphan = new ReplicaSetBuilder(old(D5, "v1", 5, 5, 1, 1)).editMetadata().withOwnerReferences()
                .endMetadata().build();
        ReplicaSet relabelled = new ReplicaSetBuilder(old(D5, "v0", 1, 1, 1, 0)).editMetadata()
                .withLabels(Map.of("app", "debug")).endMetadata().build();
        ReplicaSet otherApp = new ReplicaSetBuilder(orphan).editMetadata().withName("db").withUid("rs-db")
                .withLabels(Map.of("app", "db")).endMetadata().build();
        DeploymentSync.Plan plan = plan(D5, orphan, relabelled, otherApp);
        assertEquals(List.of("v1"), plan.adopt().stream().map(rs -> rs.getMetadata().getName()).toList());
        assertEquals(List.of("v0"), plan.release().stream().map(rs -> rs.getMetadata().getName()).toList());
        assertEquals(Map.of(NEW, 2, "v1", 4), sizes(plan), "the adopted ReplicaSet rolls like its own; the released one not");
    }
}

package org.kybern.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.kybern.controller.internal.Fixtures.NOW;
import static org.kybern.controller.internal.Fixtures.created;
import static org.kybern.controller.internal.Fixtures.notReady;
import static org.kybern.controller.internal.Fixtures.phase;
import static org.kybern.controller.internal.Fixtures.pod;
import static org.kybern.controller.internal.Fixtures.readySince;
import static org.kybern.controller.internal.Fixtures.rs;
import static org.kybern.controller.internal.Fixtures.unscheduled;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ReplicaSet controller's decisions, table by table: desired and observed state in, actions out. */
class ReplicaSetSyncTest {

    private static final ReplicaSet RS3 = rs(3).build();

    private static List<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).toList();
    }

    static Stream<Arguments> counts() {
        ReplicaSet rs = RS3;
        Pod a = pod("a", rs).build();
        Pod b = pod("b", rs).build();
        Pod c = pod("c", rs).build();
        Pod d = created(pod("d", rs), "2026-12-05T07:30:00Z").build();
        Pod succeeded = phase(pod("done", rs), "Succeeded").build();
        Pod failed = phase(pod("failed", rs), "Failed").build();
        Pod terminating = pod("going", rs).editMetadata().withDeletionTimestamp("2026-12-05T07:59:00Z").endMetadata()
                .build();
        Pod foreign = pod("foreign", null).editMetadata().addToOwnerReferences(new OwnerReferenceBuilder()
                .withApiVersion("apps/v1").withKind("ReplicaSet").withName("other").withUid("rs-other").withController(true)
                .build()).endMetadata().build();
        return Stream.of(
                Arguments.of("none yet: create all", rs, List.of(), true, 3, List.of()),
                Arguments.of("one short: create one", rs, List.of(a, b), true, 1, List.of()),
                Arguments.of("as many as wanted: nothing", rs, List.of(a, b, c), true, 0, List.of()),
                Arguments.of("finished pods do not count", rs, List.of(a, succeeded, failed), true, 2, List.of()),
                Arguments.of("terminating pods do not count", rs, List.of(a, b, terminating), true, 1, List.of()),
                Arguments.of("another controller's pods do not count", rs, List.of(a, foreign), true, 2, List.of()),
                Arguments.of("stale cache (expectations): nothing", rs, List.of(), false, 0, List.of()),
                Arguments.of("one too many: delete one", rs, List.of(a, b, c, d), true, 0, List.of("d")),
                Arguments.of("scaled to zero: delete all", rs(0).build(), List.of(a, b), true, 0, List.of("a", "b")),
                Arguments.of("replicas unset means one", new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder(rs)
                        .editSpec().withReplicas(null).endSpec().build(), List.of(), true, 1, List.of()),
                Arguments.of("being deleted: nothing", new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder(rs)
                        .editMetadata().withDeletionTimestamp("2026-12-05T07:59:00Z").endMetadata().build(), List.of(a),
                        true, 0, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("counts")
    void createsOrDeletesToReachReplicas(String name, ReplicaSet rs, List<Pod> pods, boolean satisfied, int create,
            List<String> delete) {
        ReplicaSetSync.Plan plan = ReplicaSetSync.plan(rs, pods, satisfied, NOW);
        assertEquals(create, plan.create(), "pods to create");
        assertEquals(delete, names(plan.delete()), "pods to delete");
    }

    static Stream<Arguments> scaleDownOrder() {
        ReplicaSet rs = rs(1).build();
        return Stream.of(
                Arguments.of("unscheduled before scheduled",
                        List.of(pod("running", rs), unscheduled(pod("unscheduled", rs))), "unscheduled"),
                Arguments.of("pending before running",
                        List.of(pod("running", rs), phase(notReady(pod("pending", rs)), "Pending")), "pending"),
                Arguments.of("unknown before running",
                        List.of(pod("running", rs), phase(pod("unknown", rs), "Unknown")), "unknown"),
                Arguments.of("not ready before ready", List.of(pod("ready", rs), notReady(pod("not-ready", rs))),
                        "not-ready"),
                Arguments.of("ready for less time before longer",
                        List.of(readySince(pod("old", rs), "2026-12-05T06:00:00Z"),
                                readySince(pod("young", rs), "2026-12-05T07:30:00Z")), "young"),
                Arguments.of("more restarts before fewer",
                        List.of(pod("steady", rs), pod("flaky", rs).editStatus().addNewContainerStatus().withName("web")
                                .withRestartCount(4).endContainerStatus().endStatus()), "flaky"),
                Arguments.of("newer before older",
                        List.of(created(pod("older", rs), "2026-12-05T06:00:00Z"),
                                created(pod("newer", rs), "2026-12-05T07:30:00Z")), "newer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scaleDownOrder")
    void scalingDownDeletesTheLeastValuablePodFirst(String name, List<io.fabric8.kubernetes.api.model.PodBuilder> pods,
            String deleted) {
        ReplicaSetSync.Plan plan = ReplicaSetSync.plan(rs(1).build(), pods.stream().map(p -> p.build()).toList(), true,
                NOW);
        assertEquals(List.of(deleted), names(plan.delete()));
    }

    @Test
    void adoptsMatchingOrphansAndReleasesPodsThatStoppedMatching() {
        Pod orphan = pod("orphan", null).build();
        Pod otherApp = pod("db", null).editMetadata().withLabels(java.util.Map.of("app", "db")).endMetadata().build();
        Pod relabelled = pod("relabelled", RS3).editMetadata().withLabels(java.util.Map.of("app", "debug")).endMetadata()
                .build();
        Pod orphanGoing = pod("orphan-going", null).editMetadata().withDeletionTimestamp("2026-12-05T07:59:00Z")
                .endMetadata().build();
        ReplicaSetSync.Plan plan = ReplicaSetSync.plan(RS3, List.of(orphan, otherApp, relabelled, orphanGoing), true, NOW);
        assertEquals(List.of("orphan"), names(plan.adopt()));
        assertEquals(List.of("relabelled"), names(plan.release()));
        assertEquals(2, plan.create(), "the adopted orphan counts; the released pod does not");
    }

    @Test
    void aReplicaSetBeingDeletedNeitherAdoptsNorReleases() {
        ReplicaSet going = rs(3).editMetadata().withDeletionTimestamp("2026-12-05T07:59:00Z").endMetadata().build();
        Pod relabelled = pod("relabelled", going).editMetadata().withLabels(java.util.Map.of("app", "debug"))
                .endMetadata().build();
        ReplicaSetSync.Plan plan = ReplicaSetSync.plan(going, List.of(pod("orphan", null).build(), relabelled), true, NOW);
        assertEquals(List.of(), plan.adopt());
        assertEquals(List.of(), plan.release());
    }

    @Test
    void statusCountsWhatItSees() {
        ReplicaSet rs = rs(4).editSpec().withMinReadySeconds(60).endSpec().build();
        List<Pod> pods = List.of(
                readySince(pod("available", rs), "2026-12-05T07:58:00Z").build(),
                readySince(pod("ready-not-yet-available", rs), "2026-12-05T07:59:30Z").build(),
                notReady(pod("not-ready", rs)).build(),
                pod("partly-labelled", rs).editMetadata().withLabels(java.util.Map.of("app", "web")).endMetadata()
                        .editStatus().editFirstCondition().withStatus("False").endCondition().endStatus().build(),
                phase(pod("finished", rs), "Succeeded").build());
        ReplicaSetSync.Plan plan = ReplicaSetSync.plan(rs, pods, true, NOW);
        assertEquals(4, plan.status().getReplicas());
        assertEquals(3, plan.status().getFullyLabeledReplicas());
        assertEquals(2, plan.status().getReadyReplicas());
        assertEquals(1, plan.status().getAvailableReplicas());
        assertEquals(2L, plan.status().getObservedGeneration());
        assertEquals(Duration.ofSeconds(60), plan.requeueAfter(), "looks again when the ready pod may be available");
    }

    @Test
    void withoutMinReadySecondsReadyIsAvailableAndNothingIsRequeued() {
        ReplicaSetSync.Plan plan = ReplicaSetSync.plan(RS3, List.of(pod("a", RS3).build()), true, NOW);
        assertEquals(1, plan.status().getAvailableReplicas());
        assertNull(plan.requeueAfter());
    }

    @Test
    void aNewPodIsMadeFromTheTemplateAndControlledByTheReplicaSet() {
        Pod pod = ReplicaSetSync.newPod(RS3);
        assertEquals("web-", pod.getMetadata().getGenerateName());
        assertEquals("shop", pod.getMetadata().getNamespace());
        assertEquals(java.util.Map.of("app", "web", "tier", "front"), pod.getMetadata().getLabels());
        assertEquals("kybern/web:1", pod.getSpec().getContainers().get(0).getImage());
        assertEquals("rs-web", Owners.controllerOf(pod).getUid());
        assertEquals("ReplicaSet", Owners.controllerOf(pod).getKind());
        assertEquals(Boolean.TRUE, Owners.controllerOf(pod).getBlockOwnerDeletion());
    }
}

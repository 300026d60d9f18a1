package org.kybern.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kybern.controller.internal.Fixtures.pod;
import static org.kybern.controller.internal.Fixtures.rs;
import static org.kybern.controller.internal.GarbageCollection.OwnerState.ABSENT;
import static org.kybern.controller.internal.GarbageCollection.OwnerState.SOLID;
import static org.kybern.controller.internal.GarbageCollection.OwnerState.WAITING_FOR_DEPENDENTS;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The garbage collector's decisions, table by table: an object and what it sees of its owners or dependents in, actions out. */
class GarbageCollectionTest {

    private static final ReplicaSet RS = rs(2).build();
    private static final String DELETED = "2026-12-05T07:59:00Z";
    private static final OwnerReference OTHER = new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap")
            .withName("other").withUid("cm-other").build();

    private static ReplicaSet deleting(String... finalizers) {
        return new ReplicaSetBuilder(RS).editMetadata().withDeletionTimestamp(DELETED).withFinalizers(Arrays.asList(
                finalizers)).endMetadata().build();
    }

    private static Pod terminating(Pod pod) {
        return new PodBuilder(pod).editMetadata().withDeletionTimestamp(DELETED).endMetadata().build();
    }

    private static Pod notBlocking(Pod pod) {
        return new PodBuilder(pod).editMetadata().editFirstOwnerReference().withBlockOwnerDeletion(false)
                .endOwnerReference().endMetadata().build();
    }

    private static Pod alsoOwnedBy(Pod pod, OwnerReference ref) {
        return new PodBuilder(pod).editMetadata().addToOwnerReferences(ref).endMetadata().build();
    }

    private static Pod withFinalizer(Pod pod, String finalizer) {
        return new PodBuilder(pod).editMetadata().addToFinalizers(finalizer).endMetadata().build();
    }

    private static List<String> names(List<HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).toList();
    }

    static Stream<Arguments> owners() {
        Pod a = pod("a", RS).build();
        Pod b = pod("b", RS).build();
        return Stream.of(
                Arguments.of("not being deleted: nothing", RS, List.of(a, b), List.of(), List.of(), null),
                Arguments.of("background (no finalizer): nothing to wait for", deleting(), List.of(a), List.of(),
                        List.of(), null),
                Arguments.of("another controller's finalizer: not ours", deleting("example.com/keep"), List.of(a),
                        List.of(), List.of(), null),
                Arguments.of("orphan: release every dependent, then drop the finalizer", deleting("orphan"),
                        List.of(a, b), List.of("a", "b"), List.of(), "orphan"),
                Arguments.of("orphan without dependents: drop the finalizer", deleting("orphan"), List.of(), List.of(),
                        List.of(), "orphan"),
                Arguments.of("foreground: look at the dependents, keep the finalizer", deleting("foregroundDeletion"),
                        List.of(a, b), List.of(), List.of("a", "b"), null),
                Arguments.of("foreground: a terminating dependent still blocks, and is not deleted again",
                        deleting("foregroundDeletion"), List.of(terminating(a), b), List.of(), List.of("b"), null),
                Arguments.of("foreground: only terminating dependents left, wait", deleting("foregroundDeletion"),
                        List.of(terminating(a)), List.of(), List.of(), null),
                Arguments.of("foreground: dependents without blockOwnerDeletion do not block",
                        deleting("foregroundDeletion"), List.of(notBlocking(a)), List.of(), List.of(), "foregroundDeletion"),
                Arguments.of("foreground: no dependents left, drop the finalizer", deleting("foregroundDeletion"),
                        List.of(), List.of(), List.of(), "foregroundDeletion"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("owners")
    void anOwnerBeingDeleted(String name, ReplicaSet owner, List<HasMetadata> dependents, List<String> release,
            List<String> check, String removeFinalizer) {
        GarbageCollection.OwnerPlan plan = GarbageCollection.forOwner(owner, dependents);
        assertEquals(release, names(plan.release()), "dependents released");
        assertEquals(check, names(plan.check()), "dependents looked at");
        assertEquals(removeFinalizer, plan.removeFinalizer(), "finalizer removed");
    }

    static Stream<Arguments> dependents() {
        Pod a = pod("a", RS).build();
        Pod two = alsoOwnedBy(a, OTHER);
        return Stream.of(
                Arguments.of("no owners: kept", pod("orphan", null).build(), Map.of(), false, List.of(), null),
                Arguments.of("owner exists: kept", a, Map.of("rs-web", SOLID), false, List.of(), null),
                Arguments.of("owner gone: deleted in the background", a, Map.of("rs-web", ABSENT), false, List.of(),
                        "Background"),
                Arguments.of("owner gone, own orphan finalizer: deleted orphaning", withFinalizer(a, "orphan"),
                        Map.of("rs-web", ABSENT), false, List.of(), "Orphan"),
                Arguments.of("owner gone, own foreground finalizer: deleted in the foreground",
                        withFinalizer(a, "foregroundDeletion"), Map.of("rs-web", ABSENT), false, List.of(),
                        "Foreground"),
                Arguments.of("owner waits for it: deleted in the background", a,
                        Map.of("rs-web", WAITING_FOR_DEPENDENTS), false, List.of(), "Background"),
                Arguments.of("owner waits and it has dependents: deleted in the foreground too", a,
                        Map.of("rs-web", WAITING_FOR_DEPENDENTS), true, List.of(), "Foreground"),
                Arguments.of("one owner gone, another exists: the dangling reference goes", two,
                        Map.of("rs-web", ABSENT, "cm-other", SOLID), false, List.of("rs-web"), null),
                Arguments.of("one owner waits, another exists: the waiting reference goes", two,
                        Map.of("rs-web", WAITING_FOR_DEPENDENTS, "cm-other", SOLID), false, List.of("rs-web"), null),
                Arguments.of("all owners gone: deleted", two, Map.of("rs-web", ABSENT, "cm-other", ABSENT), false,
                        List.of(), "Background"),
                Arguments.of("being deleted already: left alone", terminating(a), Map.of("rs-web", ABSENT), false,
                        List.of(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dependents")
    void aDependent(String name, Pod object, Map<String, GarbageCollection.OwnerState> owners, boolean hasDependents,
            List<String> removeOwners, String delete) {
        GarbageCollection.DependentPlan plan = GarbageCollection.forDependent(object, owners, hasDependents);
        assertEquals(removeOwners, plan.removeOwners(), "references removed");
        assertEquals(delete, plan.delete(), "deleted with propagation");
    }

    static Stream<Arguments> scopes() {
        HasMetadata node = new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata().withName("n1")
                .endMetadata().build();
        return Stream.of(
                Arguments.of("namespaced dependent, namespaced owner", pod("a", RS).build(), true, false),
                Arguments.of("namespaced dependent, cluster-scoped owner", pod("a", RS).build(), false, false),
                Arguments.of("cluster-scoped dependent, cluster-scoped owner", node, false, false),
                Arguments.of("cluster-scoped dependent, namespaced owner: cannot exist", node, true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopes")
    void aClusterScopedObjectCannotHaveANamespacedOwner(String name, HasMetadata dependent, boolean ownerNamespaced,
            boolean outside) {
        assertEquals(outside, GarbageCollection.ownerOutsideNamespace(dependent, ownerNamespaced));
    }

    @Test
    void anOwnerIsAbsentUnlessFoundWithTheReferencedUid() {
        assertEquals(ABSENT, GarbageCollection.stateOf(null, "rs-web"));
        assertEquals(ABSENT, GarbageCollection.stateOf(new ReplicaSetBuilder(RS).editMetadata().withUid("rs-new")
                .endMetadata().build(), "rs-web"), "same name, another object");
        assertEquals(SOLID, GarbageCollection.stateOf(RS, "rs-web"));
        assertEquals(SOLID, GarbageCollection.stateOf(deleting("orphan"), "rs-web"));
        assertEquals(WAITING_FOR_DEPENDENTS, GarbageCollection.stateOf(deleting("foregroundDeletion"), "rs-web"));
    }
}

package org.kybern.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.kybern.controller.internal.Fixtures.NOW;
import static org.kybern.controller.internal.Fixtures.pod;
import static org.kybern.controller.internal.Fixtures.rs;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The namespace controller's decisions: a namespace and what is still in it in, actions and conditions out. */
class NamespaceDeletionTest {

    private static final ReplicaSet RS = rs(1).build();
    private static final HasMetadata POD = pod("a", RS).build();
    private static final HasMetadata GOING = new PodBuilder(pod("b", RS).build()).editMetadata()
            .withDeletionTimestamp("2026-12-05T07:59:30Z").withFinalizers("foregroundDeletion").endMetadata().build();

    private static Namespace namespace(boolean deleting, String... finalizers) {
        NamespaceBuilder ns = new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().withNewSpec()
                .withFinalizers(finalizers).endSpec().withNewStatus().withPhase(deleting ? "Terminating" : "Active")
                .endStatus();
        if (deleting) {
            ns.editMetadata().withDeletionTimestamp("2026-12-05T07:59:00Z").endMetadata();
        }
        return ns.build();
    }

    static Stream<Arguments> plans() {
        return Stream.of(
                Arguments.of("active: nothing", namespace(false, "kubernetes"), Map.of("pods.", List.of(POD)), false,
                        List.of(), false),
                Arguments.of("finalized already: nothing", namespace(true), Map.of("pods.", List.of(POD)), false,
                        List.of(), false),
                Arguments.of("content left: delete it, keep the finalizer", namespace(true, "kubernetes"),
                        Map.of("pods.", List.of(POD), "replicasets.apps", List.of(RS)), true, List.of("a", "web"), false),
                Arguments.of("only terminating content left: wait", namespace(true, "kubernetes"),
                        Map.of("pods.", List.of(GOING)), true, List.of(), false),
                Arguments.of("empty: remove the finalizer", namespace(true, "kubernetes"),
                        Map.of("pods.", List.of(), "configmaps.", List.of()), true, List.of(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void plan(String name, Namespace ns, Map<String, List<HasMetadata>> remaining, boolean act, List<String> delete,
            boolean removeFinalizer) {
        NamespaceDeletion.Plan plan = NamespaceDeletion.plan(ns, remaining, NOW);
        assertEquals(act, plan.act(), "acts");
        assertEquals(delete, plan.delete().stream().map(o -> o.getMetadata().getName()).sorted().toList(), "deleted");
        assertEquals(removeFinalizer, plan.removeFinalizer(), "finalizer removed");
    }

    @Test
    void conditionsSayWhatRemainsAsKubernetesDoes() {
        List<NamespaceCondition> conditions = NamespaceDeletion.plan(namespace(true, "kubernetes"),
                Map.of("pods.", List.of(POD, GOING), "replicasets.apps", List.of(RS)), NOW).conditions();
        assertEquals("NamespaceContentRemaining", conditions.get(0).getType());
        assertEquals("True", conditions.get(0).getStatus());
        assertEquals("Some resources are remaining: pods. has 2 resource instances, replicasets.apps has 1 resource "
                + "instances", conditions.get(0).getMessage());
        assertEquals("NamespaceFinalizersRemaining", conditions.get(1).getType());
        assertEquals("Some content in the namespace has finalizers remaining: foregroundDeletion in 1 resource instances",
                conditions.get(1).getMessage());

        Namespace before = new NamespaceBuilder(namespace(true, "kubernetes")).editStatus().withConditions(conditions)
                .endStatus().build();
        List<NamespaceCondition> later = NamespaceDeletion.plan(before, Map.of("pods.", List.of(GOING)),
                NOW.plusSeconds(5)).conditions();
        assertEquals(NOW.toString(), later.get(0).getLastTransitionTime(), "still True: the transition time stays");
        List<NamespaceCondition> empty = NamespaceDeletion.plan(before, Map.of(), NOW.plusSeconds(9)).conditions();
        assertEquals("False", empty.get(0).getStatus());
        assertEquals("All content successfully removed", empty.get(0).getMessage());
        assertEquals(NOW.plusSeconds(9).toString(), empty.get(0).getLastTransitionTime());
        assertFalse(empty.get(1).getStatus().equals("True"));
    }
}

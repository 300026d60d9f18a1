package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.NamespaceConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Kubernetes' namespace controller decides for a namespace being deleted, as a pure function of
 * the namespace and the objects still in it: delete what is not yet being deleted, report what remains
 * in the conditions {@code NamespaceContentRemaining} and {@code NamespaceFinalizersRemaining}, and
 * once nothing remains remove its finalizer {@code kubernetes} from {@code spec.finalizers}.
 */
final class NamespaceDeletion {

    /** The namespace finalizer the namespace controller owns. */
    static final String FINALIZER = "kubernetes";

    private NamespaceDeletion() {
    }

    /**
     * @param act        whether the namespace is being deleted and still waits for this controller
     * @param delete     objects to delete now
     * @param removeFinalizer whether to remove {@link #FINALIZER} now (nothing remains)
     * @param conditions the namespace's conditions as they should be
     */
    record Plan(boolean act, List<HasMetadata> delete, boolean removeFinalizer, List<NamespaceCondition> conditions) {
        static final Plan NONE = new Plan(false, List.of(), false, List.of());
    }

    /**
     * @param remaining the objects in the namespace, by {@code resource.group} ({@code pods.},
     *                  {@code replicasets.apps}) as Kubernetes names them in its messages
     */
    static Plan plan(Namespace namespace, Map<String, List<HasMetadata>> remaining, Instant now) {
        if (namespace.getMetadata().getDeletionTimestamp() == null || namespace.getSpec() == null
                || namespace.getSpec().getFinalizers() == null || !namespace.getSpec().getFinalizers().contains(FINALIZER)) {
            return Plan.NONE;
        }
        List<HasMetadata> delete = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        Map<String, Integer> finalizers = new TreeMap<>();
        for (Map.Entry<String, List<HasMetadata>> type : new TreeMap<>(remaining).entrySet()) {
            if (type.getValue().isEmpty()) {
                continue;
            }
            counts.add(type.getKey() + " has " + type.getValue().size() + " resource instances");
            for (HasMetadata object : type.getValue()) {
                if (object.getMetadata().getDeletionTimestamp() == null) {
                    delete.add(object);
                }
                GarbageCollection.finalizers(object).forEach(f -> finalizers.merge(f, 1, Integer::sum));
            }
        }
        List<String> pending = new ArrayList<>();
        finalizers.forEach((f, n) -> pending.add(f + " in " + n + " resource instances"));
        List<NamespaceCondition> old = namespace.getStatus() == null || namespace.getStatus().getConditions() == null
                ? List.of() : namespace.getStatus().getConditions();
        List<NamespaceCondition> conditions = List.of(
                condition(old, "NamespaceContentRemaining", !counts.isEmpty(), "SomeResourcesRemain",
                        "Some resources are remaining: " + String.join(", ", counts), "ContentRemoved",
                        "All content successfully removed", now),
                condition(old, "NamespaceFinalizersRemaining", !pending.isEmpty(), "SomeFinalizersRemain",
                        "Some content in the namespace has finalizers remaining: " + String.join(", ", pending),
                        "ContentHasNoFinalizers", "All content-preserving finalizers finished", now));
        return new Plan(true, delete, counts.isEmpty(), conditions);
    }

    private static NamespaceCondition condition(List<NamespaceCondition> old, String type, boolean isTrue,
            String trueReason, String trueMessage, String falseReason, String falseMessage, Instant now) {
        String status = isTrue ? "True" : "False";
        String since = old.stream().filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
                .map(NamespaceCondition::getLastTransitionTime).findFirst().orElse(now.toString());
        return new NamespaceConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(since)
                .withReason(isTrue ? trueReason : falseReason).withMessage(isTrue ? trueMessage : falseMessage).build();
    }
}

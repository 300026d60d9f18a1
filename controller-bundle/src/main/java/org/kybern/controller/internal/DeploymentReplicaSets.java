package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a Deployment's ReplicaSets are named, labelled, annotated and counted, as Kubernetes'
 * deployment utilities: one ReplicaSet per pod template, {@code <deployment>-<hash>} with label
 * {@code pod-template-hash}, revisions and replica annotations, and the rolling-update fenceposts.
 */
final class DeploymentReplicaSets {

    static final String HASH_LABEL = "pod-template-hash";
    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    /** Deployment annotations that are not copied to its ReplicaSets. */
    private static final List<String> NOT_COPIED = List.of(REVISION, DESIRED_REPLICAS, MAX_REPLICAS,
            "kubectl.kubernetes.io/last-applied-configuration", "deployment.kubernetes.io/revision-history");
    private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private DeploymentReplicaSets() {
    }

    static int replicas(Deployment d) {
        return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    static int replicas(ReplicaSet rs) {
        return rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    }

    static int statusReplicas(ReplicaSet rs) {
        return rs.getStatus() == null || rs.getStatus().getReplicas() == null ? 0 : rs.getStatus().getReplicas();
    }

    static int ready(ReplicaSet rs) {
        return rs.getStatus() == null || rs.getStatus().getReadyReplicas() == null ? 0 : rs.getStatus().getReadyReplicas();
    }

    static int available(ReplicaSet rs) {
        return rs.getStatus() == null || rs.getStatus().getAvailableReplicas() == null ? 0
                : rs.getStatus().getAvailableReplicas();
    }

    static boolean rollingUpdate(Deployment d) {
        return d.getSpec().getStrategy() == null || !"Recreate".equals(d.getSpec().getStrategy().getType());
    }

    /**
     * Kubernetes' ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down, and when both
     * come to 0 one pod may be unavailable. {@code [surge, unavailable]}; both 0 for Recreate.
     */
    static int[] fenceposts(Deployment d) {
        if (!rollingUpdate(d)) {
            return new int[] {0, 0};
        }
        var rolling = d.getSpec().getStrategy() == null ? null : d.getSpec().getStrategy().getRollingUpdate();
        int replicas = replicas(d);
        int surge = scaled(rolling == null ? null : rolling.getMaxSurge(), replicas, true);
        int unavailable = scaled(rolling == null ? null : rolling.getMaxUnavailable(), replicas, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new int[] {surge, unavailable};
    }

    static int maxSurge(Deployment d) {
        return fenceposts(d)[0];
    }

    /** Kubernetes' MaxUnavailable: at most {@code replicas}; 0 for Recreate or no replicas. */
    static int maxUnavailable(Deployment d) {
        if (!rollingUpdate(d) || replicas(d) == 0) {
            return 0;
        }
        return Math.min(fenceposts(d)[1], replicas(d));
    }

    /** A number, or a percentage of {@code total} (rounded up or down); unset means 25%. */
    static int scaled(IntOrString value, int total, boolean roundUp) {
        if (value == null || value.getIntVal() == null && value.getStrVal() == null) {
            value = new IntOrString("25%");
        }
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String s = value.getStrVal().trim();
        if (!s.endsWith("%")) {
            return Integer.parseInt(s);
        }
        int percent = Integer.parseInt(s.substring(0, s.length() - 1));
        return roundUp ? (int) Math.ceil(percent * total / 100.0) : (int) Math.floor(percent * total / 100.0);
    }

    /** The template without the {@code pod-template-hash} label, to compare a ReplicaSet's with its Deployment's. */
    static PodTemplateSpec withoutHash(PodTemplateSpec template) {
        PodTemplateSpec copy = new PodTemplateSpecBuilder(template).build();
        if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
            Map<String, String> labels = new LinkedHashMap<>(copy.getMetadata().getLabels());
            labels.remove(HASH_LABEL);
            copy.getMetadata().setLabels(labels);
        }
        return copy;
    }

    /** Whether the ReplicaSet runs the Deployment's current template (Kubernetes' EqualIgnoreHash). */
    static boolean runsTemplateOf(ReplicaSet rs, Deployment d) {
        return Objects.equals(withoutHash(rs.getSpec().getTemplate()), withoutHash(d.getSpec().getTemplate()));
    }

    /** The template's hash (FNV-1a, 32 bits, over its text and the collision count) in safe characters. */
    static String hash(PodTemplateSpec template, Integer collisionCount) {
        String text = withoutHash(template).toString() + (collisionCount == null ? "" : "/" + collisionCount);
        int h = 0x811c9dc5;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        String digits = Long.toString(Integer.toUnsignedLong(h));
        StringBuilder safe = new StringBuilder();
        for (char c : digits.toCharArray()) {
            safe.append(SAFE_ALPHABET.charAt(c % SAFE_ALPHABET.length()));
        }
        return safe.toString();
    }

    static long revision(ReplicaSet rs) {
        String value = rs.getMetadata().getAnnotations() == null ? null : rs.getMetadata().getAnnotations().get(REVISION);
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The ReplicaSet for the Deployment's current template: {@code <deployment>-<hash>}, the hash in its
     * selector, template and labels, the Deployment's annotations and this revision, controlled by it.
     */
    static ReplicaSet newReplicaSet(Deployment d, String hash, int replicas, long revision) {
        PodTemplateSpec template = new PodTemplateSpecBuilder(d.getSpec().getTemplate()).editOrNewMetadata()
                .addToLabels(HASH_LABEL, hash).endMetadata().build();
        LabelSelector selector = new LabelSelectorBuilder(d.getSpec().getSelector()).addToMatchLabels(HASH_LABEL, hash)
                .build();
        ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withName(d.getMetadata().getName() + "-" + hash)
                .withNamespace(d.getMetadata().getNamespace()).withLabels(template.getMetadata().getLabels())
                .withAnnotations(annotations(d, replicas(d), replicas(d) + maxSurge(d), revision))
                .addToOwnerReferences(Owners.reference(d)).endMetadata().withNewSpec().withReplicas(replicas)
                .withMinReadySeconds(d.getSpec().getMinReadySeconds()).withSelector(selector).withTemplate(template)
                .endSpec().build();
        return rs;
    }

    /** The Deployment's own annotations (those copied) with the replica and revision annotations. */
    static Map<String, String> annotations(Deployment d, int desired, int max, long revision) {
        Map<String, String> annotations = new HashMap<>();
        if (d.getMetadata().getAnnotations() != null) {
            d.getMetadata().getAnnotations().forEach((k, v) -> {
                if (!NOT_COPIED.contains(k)) {
                    annotations.put(k, v);
                }
            });
        }
        annotations.put(DESIRED_REPLICAS, Integer.toString(desired));
        annotations.put(MAX_REPLICAS, Integer.toString(max));
        annotations.put(REVISION, Long.toString(revision));
        return annotations;
    }
}

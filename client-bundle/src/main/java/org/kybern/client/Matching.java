package org.kybern.client;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' matching rules that the scheduler, the controllers and the kubelet share: label selectors,
 * node selector terms, tolerations.
 */
public final class Matching {

    private Matching() {
    }

    /** A LabelSelector against labels: matchLabels and matchExpressions ANDed; null selects nothing, empty everything. */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> have = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(have.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                if (!matches(r.getKey(), r.getOperator(), r.getValues(), have)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** One set-based requirement (In, NotIn, Exists, DoesNotExist, and for nodes Gt, Lt). */
    public static boolean matches(String key, String operator, List<String> values, Map<String, String> labels) {
        String value = labels.get(key);
        List<String> vs = values == null ? List.of() : values;
        return switch (operator) {
            case "In" -> value != null && vs.contains(value);
            case "NotIn" -> value == null || !vs.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt", "Lt" -> value != null && vs.size() == 1 && compare(value, vs.get(0), operator);
            default -> false;
        };
    }

    private static boolean compare(String value, String bound, String operator) {
        try {
            long v = Long.parseLong(value);
            long b = Long.parseLong(bound);
            return operator.equals("Gt") ? v > b : v < b;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A node selector term: its matchExpressions (on labels) and matchFields (metadata.name) ANDed; an empty term matches nothing. */
    public static boolean matches(NodeSelectorTerm term, Node node) {
        List<NodeSelectorRequirement> expressions = term.getMatchExpressions() == null ? List.of() : term.getMatchExpressions();
        List<NodeSelectorRequirement> fields = term.getMatchFields() == null ? List.of() : term.getMatchFields();
        if (expressions.isEmpty() && fields.isEmpty()) {
            return false;
        }
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        for (NodeSelectorRequirement r : expressions) {
            if (!matches(r.getKey(), r.getOperator(), r.getValues(), labels)) {
                return false;
            }
        }
        Map<String, String> nodeFields = Map.of("metadata.name", node.getMetadata().getName());
        for (NodeSelectorRequirement r : fields) {
            if (!matches(r.getKey(), r.getOperator(), r.getValues(), nodeFields)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a toleration tolerates a taint, as Kubernetes' ToleratesTaint. */
    public static boolean tolerates(Toleration toleration, Taint taint) {
        String effect = toleration.getEffect();
        if (effect != null && !effect.isEmpty() && !effect.equals(taint.getEffect())) {
            return false;
        }
        String key = toleration.getKey();
        if (key != null && !key.isEmpty() && !key.equals(taint.getKey())) {
            return false;
        }
        String operator = toleration.getOperator() == null || toleration.getOperator().isEmpty() ? "Equal"
                : toleration.getOperator();
        return switch (operator) {
            case "Exists" -> true;
            case "Equal" -> nullToEmpty(toleration.getValue()).equals(nullToEmpty(taint.getValue()));
            default -> false;
        };
    }

    public static boolean tolerated(List<Toleration> tolerations, Taint taint) {
        if (tolerations != null) {
            for (Toleration t : tolerations) {
                if (tolerates(t, taint)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

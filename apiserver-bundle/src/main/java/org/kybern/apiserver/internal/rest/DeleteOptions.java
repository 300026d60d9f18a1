package org.kybern.apiserver.internal.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A delete request's options, as Kubernetes' {@code meta.k8s.io/v1 DeleteOptions}: from the body
 * (kind DeleteOptions, apiVersion {@code v1} or {@code meta.k8s.io/v1}) and from the query
 * parameters, which win where both are given, as in Kubernetes.
 *
 * @param preconditions       uid and resourceVersion the object must have
 * @param gracePeriodSeconds  the grace period asked for, or {@code null} for the kind's default
 * @param propagationPolicy   {@code Orphan}, {@code Background}, {@code Foreground} or {@code null}
 * @param orphanDependents    the legacy form of the policy, or {@code null}
 * @param dryRun              check everything, store nothing
 */
public record DeleteOptions(ObjectStore.Preconditions preconditions, Long gracePeriodSeconds,
        String propagationPolicy, Boolean orphanDependents, boolean dryRun) {

    public static final DeleteOptions NONE = new DeleteOptions(ObjectStore.Preconditions.NONE, null, null, null, false);

    private static final ResourceType KIND = new ResourceType("meta.k8s.io", "v1", "deleteoptions", "deleteoptions",
            "DeleteOptions", false, List.of(), List.of());
    private static final List<String> POLICIES = List.of("Foreground", "Background", "Orphan");

    /** The same options with another dry-run setting. */
    public DeleteOptions withDryRun(boolean dryRun) {
        return new DeleteOptions(preconditions, gracePeriodSeconds, propagationPolicy, orphanDependents, dryRun);
    }

    /** The options without preconditions (for each item of a deletecollection). */
    public DeleteOptions withoutPreconditions() {
        return new DeleteOptions(ObjectStore.Preconditions.NONE, gracePeriodSeconds, propagationPolicy,
                orphanDependents, dryRun);
    }

    /**
     * Reads the options; 400 when a value has the wrong form, 422 ({@code DeleteOptions.meta.k8s.io
     * "" is invalid}) when values contradict each other or are not supported.
     *
     * @param body  the request body's JSON, or {@code null} without one
     * @param query the request's query parameters by name ({@code null} when absent)
     */
    public static DeleteOptions parse(JsonNode body, Function<String, String> query) {
        JsonNode b = body == null ? tools.jackson.databind.node.MissingNode.getInstance() : body;
        if (body != null && !body.isObject()) {
            throw ApiException.badRequest("the request body must be a DeleteOptions object");
        }
        String kind = b.path("kind").asString("");
        if (!kind.isEmpty() && !kind.equals("DeleteOptions")) {
            throw ApiException.badRequest("the body of a delete must be DeleteOptions, not " + kind);
        }
        String apiVersion = b.path("apiVersion").asString("");
        if (!apiVersion.isEmpty() && !List.of("v1", "meta.k8s.io/v1").contains(apiVersion)) {
            throw ApiException.badRequest("DeleteOptions of apiVersion " + apiVersion + " are not served; use v1 or "
                    + "meta.k8s.io/v1");
        }
        JsonNode pre = b.path("preconditions");
        ObjectStore.Preconditions preconditions = new ObjectStore.Preconditions(pre.path("uid").asString(null),
                pre.path("resourceVersion").asString(null));

        Long grace = number(query.apply("gracePeriodSeconds"), "gracePeriodSeconds");
        if (grace == null && b.hasNonNull("gracePeriodSeconds")) {
            if (!b.get("gracePeriodSeconds").isIntegralNumber()) {
                throw ApiException.badRequest("gracePeriodSeconds must be an integer");
            }
            grace = b.get("gracePeriodSeconds").asLong();
        }
        String policy = query.apply("propagationPolicy");
        if (policy == null && b.hasNonNull("propagationPolicy")) {
            policy = b.get("propagationPolicy").asString();
        }
        Boolean orphan = bool(query.apply("orphanDependents"), "orphanDependents");
        if (orphan == null && b.hasNonNull("orphanDependents")) {
            if (!b.get("orphanDependents").isBoolean()) {
                throw ApiException.badRequest("orphanDependents must be true or false");
            }
            orphan = b.get("orphanDependents").asBoolean();
        }
        List<String> dryRun = new ArrayList<>();
        if (query.apply("dryRun") != null) {
            dryRun.add(query.apply("dryRun"));
        } else {
            b.path("dryRun").forEach(d -> dryRun.add(d.asString("")));
        }

        List<ObjectStore.Cause> causes = new ArrayList<>();
        if (orphan != null && policy != null) {
            causes.add(new ObjectStore.Cause("FieldValueInvalid", "orphanDependents", "Invalid value: " + orphan
                    + ": orphanDependents and deletionPropagation cannot be both set"));
        }
        if (policy != null && !POLICIES.contains(policy)) {
            causes.add(new ObjectStore.Cause("FieldValueNotSupported", "propagationPolicy", "Unsupported value: \""
                    + policy + "\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\""));
        }
        for (String d : dryRun) {
            if (!d.equals("All")) {
                causes.add(new ObjectStore.Cause("FieldValueNotSupported", "dryRun", "Unsupported value: \"" + d
                        + "\": supported values: \"All\""));
            }
        }
        if (!causes.isEmpty()) {
            throw new ObjectStore.InvalidException(KIND, "", causes);
        }
        return new DeleteOptions(preconditions, grace, policy, orphan, !dryRun.isEmpty());
    }

    private static Long number(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be an integer, not \"" + value + "\"");
        }
    }

    private static Boolean bool(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw ApiException.badRequest(name + " must be true or false, not \"" + value + "\"");
        }
        return Boolean.valueOf(value);
    }
}

package org.kybern.apiserver.internal.rest;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' {@code Status} objects, with their fields in the order Kubernetes writes them: what
 * every refusal carries (as a response or a watch's ERROR event) and what some successful writes
 * answer.
 */
public final class Statuses {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Statuses() {
    }

    /** A Status with its outcome ({@code Success} or {@code Failure}) and nothing else yet. */
    public static ObjectNode of(String outcome) {
        ObjectNode status = NODES.objectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", outcome);
        return status;
    }

    /** A refusal: Kubernetes' reason ({@code NotFound}, {@code Invalid} …), what to do, and the HTTP code. */
    public static ObjectNode failure(int code, String reason, String message) {
        return failure(code, reason, message, null);
    }

    /** As {@link #failure(int, String, String)}, with {@code details} (what was refused, and why) if not null. */
    public static ObjectNode failure(int code, String reason, String message, ObjectNode details) {
        ObjectNode status = of("Failure");
        status.put("message", message);
        status.put("reason", reason);
        if (details != null) {
            status.set("details", details);
        }
        status.put("code", code);
        return status;
    }
}

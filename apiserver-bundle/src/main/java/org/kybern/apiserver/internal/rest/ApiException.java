package org.kybern.apiserver.internal.rest;

/** A request the API refuses, carried to the edge and answered as a Kubernetes {@code Status}. */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;

    public ApiException(int code, String reason, String message) {
        super(message);
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    /** Kubernetes' StatusReason: NotFound, AlreadyExists, Conflict, BadRequest, Invalid, ... */
    public String reason() {
        return reason;
    }

    public static ApiException notFound(ResourceType type, String name) {
        return new ApiException(404, "NotFound", type.resource() + (type.group().isEmpty() ? "" : "." + type.group())
                + " \"" + name + "\" not found");
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message);
    }
}

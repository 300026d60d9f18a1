package org.kybern.api.runtime;

/** The runtime refused or failed an operation; the message says what and why. */
public class RuntimeOperationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RuntimeOperationException(String message) {
        super(message);
    }

    public RuntimeOperationException(String message, Throwable cause) {
        super(message, cause);
    }
}

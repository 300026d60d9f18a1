package org.kybern.api.proxy;

/** A backend could not make the desired state true; the message says what failed. */
public class ProxyException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProxyException(String message) {
        super(message);
    }

    public ProxyException(String message, Throwable cause) {
        super(message, cause);
    }
}

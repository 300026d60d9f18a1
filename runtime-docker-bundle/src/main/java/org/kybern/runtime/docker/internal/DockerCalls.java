package org.kybern.runtime.docker.internal;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.Optional;
import java.util.function.Supplier;
import org.kybern.api.runtime.RuntimeOperationException;

/**
 * Runs calls to dockerd and turns what goes wrong into a {@link RuntimeOperationException} whose
 * message says what failed and, when dockerd does not answer at all, what to do about it.
 */
final class DockerCalls {

    private final String dockerHost;

    DockerCalls(String dockerHost) {
        this.dockerHost = dockerHost;
    }

    <T> T call(String action, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeOperationException e) {
            throw e;
        } catch (DockerException e) {
            throw new RuntimeOperationException(action + " failed: " + dockerMessage(e), e);
        } catch (RuntimeException e) {
            throw failure(action, e);
        }
    }

    void run(String action, Runnable operation) {
        call(action, () -> {
            operation.run();
            return null;
        });
    }

    /** Like {@link #call}, but a thing that does not exist is an empty result, not a failure. */
    <T> Optional<T> find(String action, Supplier<T> operation) {
        try {
            return Optional.ofNullable(call(action, operation));
        } catch (RuntimeOperationException e) {
            if (e.getCause() instanceof NotFoundException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Like {@link #run}, but a thing that is already gone is not a failure (idempotent removal). */
    void runIgnoringMissing(String action, Runnable operation) {
        find(action, () -> {
            operation.run();
            return null;
        });
    }

    RuntimeOperationException failure(String action, Throwable error) {
        if (isUnreachable(error)) {
            return new RuntimeOperationException(action + " failed: dockerd does not answer at " + dockerHost
                    + " (" + rootMessage(error) + "). Start dockerd (from the Kybern repository, `./kybern images` "
                    + "starts it) or set dockerHost in the configuration org.kybern.runtime.docker.", error);
        }
        return new RuntimeOperationException(action + " failed: " + rootMessage(error), error);
    }

    /** Docker's error body is JSON ({"message":"..."}); the message alone is what a user needs. */
    static String dockerMessage(DockerException e) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        int start = text.indexOf("\"message\":\"");
        if (start >= 0) {
            int from = start + "\"message\":\"".length();
            int end = text.indexOf('"', from);
            return (end > from ? text.substring(from, end) : text.substring(from)).replace("\\n", " ").trim()
                    + " (HTTP " + e.getHttpStatus() + ")";
        }
        return text.trim();
    }

    private static boolean isUnreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof java.net.ConnectException || t instanceof java.nio.file.NoSuchFileException
                    || message.contains("No such file or directory") || message.contains("Connection refused")
                    || message.contains("connect") && t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

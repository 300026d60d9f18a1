package org.kybern.runtime.docker.internal;

import com.github.dockerjava.api.async.ResultCallback;
import java.io.IOException;

/**
 * A docker-java stream callback that keeps its error for the caller instead of logging it with a
 * stack trace (docker-java's default): the caller turns it into a {@code RuntimeOperationException}
 * with a clear message, and a kubelet retrying a failing pull does not fill the log.
 */
class QuietCallback<T> extends ResultCallback.Adapter<T> {

    private volatile Throwable error;

    @Override
    public void onError(Throwable throwable) {
        if (error == null) {
            error = throwable;
        }
        try {
            close();
        } catch (IOException e) {
            // Closing a failed stream: nothing more to do.
        }
    }

    /** What ended the stream abnormally, or {@code null}. */
    Throwable error() {
        return error;
    }

    /** Waits for the end of the stream and rethrows what failed it. */
    void awaitOrThrow() throws InterruptedException {
        awaitCompletion();
        if (error instanceof RuntimeException runtimeError) {
            throw runtimeError;
        }
        if (error != null) {
            throw new IllegalStateException(error);
        }
    }

    void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            // Closing a finished stream: nothing to do.
        }
    }
}

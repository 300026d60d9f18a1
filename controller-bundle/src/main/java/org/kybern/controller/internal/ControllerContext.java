package org.kybern.controller.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.kybern.client.EventRecorder;
import org.kybern.client.WorkQueue;

/**
 * What every controller is made with while the controller manager leads: the client, the shared
 * informers, a timer for delayed work, an event writer, threads for concurrent writes ({@link SlowStart}),
 * the configuration and the clock.
 */
record ControllerContext(KubernetesClient client, Informers informers, ScheduledExecutorService timer,
        Executor eventWriter, Executor writes, ControllerManagerConfig config, Clock clock) {

    /** A queue whose delayed adds run on the shared timer. */
    WorkQueue newQueue() {
        return new WorkQueue(timer);
    }

    /** Events reported as {@code component} (the controller's name). */
    EventRecorder events(String component) {
        return new EventRecorder(client, component, null, eventWriter);
    }
}

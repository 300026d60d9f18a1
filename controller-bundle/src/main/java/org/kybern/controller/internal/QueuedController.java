package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import org.kybern.client.EventRecorder;
import org.kybern.client.WorkQueue;

/**
 * What every controller of the manager holds: its name, its own work queue, and from the context the
 * client, the shared informers, an event recorder in its name and the clock.
 */
abstract class QueuedController implements Controller {

    protected final KubernetesClient client;
    protected final Informers informers;
    protected final WorkQueue queue;
    protected final EventRecorder events;
    protected final Clock clock;
    private final String name;

    QueuedController(ControllerContext context, String name) {
        this.name = name;
        this.client = context.client();
        this.informers = context.informers();
        this.queue = context.newQueue();
        this.events = context.events(name);
        this.clock = context.clock();
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final WorkQueue queue() {
        return queue;
    }

    /** Deletes the object (gracefully, as the API server's default); gone already is fine. */
    protected final void deleteIfPresent(HasMetadata object) {
        try {
            client.resource(object).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }
}

package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import org.kybern.client.EventRecorder;
import org.kybern.client.WorkQueue;

/**
 * What every controller holds: its name, the client, the shared informers, its own work queue, an
 * event recorder reporting as its name, and the clock. Subclasses register their handlers and reconcile.
 */
abstract class BaseController implements Controller {

    protected final KubernetesClient client;
    protected final Informers informers;
    protected final WorkQueue queue;
    protected final EventRecorder events;
    protected final Clock clock;
    private final String name;

    BaseController(ControllerContext context, String name) {
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

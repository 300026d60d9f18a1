package org.kybern.controller.internal;

import org.kybern.client.WorkQueue;

/** A controller with its name and its own work queue on the shared timer: what every controller starts from. */
abstract class QueuedController implements Controller {

    private final String name;
    /** The queue its handlers fill and its workers drain. */
    protected final WorkQueue queue;

    QueuedController(String name, ControllerContext context) {
        this.name = name;
        this.queue = context.newQueue();
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final WorkQueue queue() {
        return queue;
    }
}

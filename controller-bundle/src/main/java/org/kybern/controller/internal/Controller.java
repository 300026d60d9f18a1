package org.kybern.controller.internal;

import org.kybern.client.WorkQueue;

/**
 * One controller of the controller manager: level-triggered. It registers informer handlers that
 * enqueue keys when it is made, and {@link #reconcile} brings one object's world to its desired state
 * from what the caches show, whatever events led there. An exception means "try again after a
 * back-off"; it is logged once, by the worker loop.
 */
interface Controller {

    /** Kubernetes' name of the controller ({@code replicaset-controller} …), also its event source. */
    String name();

    /** The queue its handlers fill and its workers drain. */
    WorkQueue queue();

    /** How many keys it reconciles at once. */
    default int workers() {
        return 2;
    }

    /** Makes the object with this key as it should be. */
    void reconcile(String key) throws Exception;
}

package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Map;
import org.kybern.client.WorkQueue;

/**
 * The informer handlers the endpoints and endpointslice controllers share: a Service's key is queued
 * when it changes, when a pod its selector picks (before or after the change) changes, and when one of
 * the objects the controller writes for it (same name or labelled with it) is deleted behind its back.
 */
final class ServiceWatch {

    private ServiceWatch() {
    }

    /**
     * @param written the type the controller writes; only its deletion is watched (the controller
     *                compares before it writes, so it is not woken by its own updates)
     */
    static <T extends HasMetadata> void register(Informers informers, WorkQueue queue, Class<T> written) {
        informers.onChange(Service.class, s -> queue.add(Informers.key(s)));
        informers.addHandler(Pod.class, new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                enqueueSelecting(informers, queue, pod);
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                enqueueSelecting(informers, queue, old);
                enqueueSelecting(informers, queue, pod);
            }

            @Override
            public void onDelete(Pod pod, boolean unknownFinalState) {
                enqueueSelecting(informers, queue, pod);
            }
        });
        informers.addHandler(written, new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
            }

            @Override
            public void onUpdate(T old, T object) {
            }

            @Override
            public void onDelete(T object, boolean unknownFinalState) {
                Map<String, String> labels = object.getMetadata().getLabels();
                String service = labels != null && labels.containsKey(EndpointsSync.SERVICE_NAME_LABEL)
                        ? labels.get(EndpointsSync.SERVICE_NAME_LABEL) : object.getMetadata().getName();
                queue.add(object.getMetadata().getNamespace() + "/" + service);
            }
        });
    }

    private static void enqueueSelecting(Informers informers, WorkQueue queue, Pod pod) {
        for (Service service : informers.inNamespace(Service.class, pod.getMetadata().getNamespace())) {
            if (EndpointsSync.selects(service) && EndpointsSync.picks(service, pod)) {
                queue.add(Informers.key(service));
            }
        }
    }
}

package org.kybern.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one informer handler per type that calls every controller's handlers of that type. */
class InformerHandlersTest {

    private final List<String> seen = new ArrayList<>();

    @Test
    void everyHandlerSeesEveryEventInTheOrderTheyWereAdded() {
        Informers.Handlers<Pod> handlers = new Informers.Handlers<>(Pod.class);
        handlers.list.add(recording("first"));
        handlers.list.add(recording("second"));
        Pod old = pod("web-1");
        Pod pod = pod("web-1");
        handlers.onAdd(pod);
        handlers.onUpdate(old, pod);
        handlers.onDelete(pod, true);
        assertEquals(List.of("first add web-1", "second add web-1", "first update web-1", "second update web-1",
                "first delete web-1 true", "second delete web-1 true"), seen);
    }

    @Test
    void aFailingHandlerDoesNotKeepTheEventFromTheOthers() {
        Informers.Handlers<Pod> handlers = new Informers.Handlers<>(Pod.class);
        handlers.list.add(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod obj) {
                throw new IllegalStateException("broken controller");
            }

            @Override
            public void onUpdate(Pod oldObj, Pod newObj) {
                throw new IllegalStateException("broken controller");
            }

            @Override
            public void onDelete(Pod obj, boolean deletedFinalStateUnknown) {
                throw new IllegalStateException("broken controller");
            }
        });
        handlers.list.add(recording("working"));
        handlers.onAdd(pod("db-0"));
        handlers.onUpdate(pod("db-0"), pod("db-0"));
        assertEquals(List.of("working add db-0", "working update db-0"), seen);
    }

    private ResourceEventHandler<Pod> recording(String name) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                seen.add(name + " add " + pod.getMetadata().getName());
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                seen.add(name + " update " + pod.getMetadata().getName());
            }

            @Override
            public void onDelete(Pod pod, boolean unknownFinalState) {
                seen.add(name + " delete " + pod.getMetadata().getName() + " " + unknownFinalState);
            }
        };
    }

    private static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata().build();
    }
}

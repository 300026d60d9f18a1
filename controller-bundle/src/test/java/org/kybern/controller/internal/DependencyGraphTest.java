package org.kybern.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.kybern.controller.internal.Fixtures.pod;
import static org.kybern.controller.internal.Fixtures.rs;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The garbage collector's graph follows adds, reference changes and deletes. */
class DependencyGraphTest {

    private static List<String> names(List<HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).sorted().toList();
    }

    @Test
    void dependentsFollowTheirReferences() {
        DependencyGraph graph = new DependencyGraph();
        ReplicaSet rs = rs(2).build();
        Pod a = pod("a", rs).build();
        graph.put(a); // a dependent may come before its owner
        graph.put(pod("b", rs).build());
        assertEquals(List.of("a", "b"), names(graph.dependents("rs-web")));
        graph.put(rs);
        assertEquals("web", graph.get("rs-web").getMetadata().getName());

        graph.put(new PodBuilder(a).editMetadata().withOwnerReferences(List.of()).endMetadata().build());
        assertEquals(List.of("b"), names(graph.dependents("rs-web")), "a released");
        graph.remove(pod("b", rs).build());
        assertEquals(List.of(), names(graph.dependents("rs-web")));
        assertNull(graph.get("uid-b"));
    }
}

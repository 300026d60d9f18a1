package org.kybern.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.kybern.api.scheduler.BindPlugin;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.PluginStatus;

/** The Bind extension point: plugins in order, the first that does not skip decides, else the API binds. */
class BinderTest {

    private final List<String> calls = new ArrayList<>();
    private final Binder binder = new Binder((pod, node) -> {
        calls.add("api:" + node);
        return CompletableFuture.completedFuture(new ClusterWriter.Outcome(201, ""));
    }, Runnable::run);
    private final Pod pod = new PodBuilder().withNewMetadata().withNamespace("default").withName("web").endMetadata().build();
    private final Cycle cycle = new Cycle(List.of());

    private BindPlugin plugin(String name, PluginStatus answer) {
        return new BindPlugin() {
            @Override
            public PluginStatus bind(CycleState state, Pod p, String node) {
                calls.add(name + ":" + node);
                if (answer == null) {
                    throw new IllegalStateException("boom");
                }
                return answer;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    private static Profile profile(BindPlugin... binders) {
        return new Profile("default-scheduler", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(binders), List.of());
    }

    private ClusterWriter.Outcome bind(Profile profile) {
        return binder.bind(profile, cycle, pod, "n1").join();
    }

    @Test
    void withoutBindPluginsTheApiBinds() {
        assertEquals(201, bind(profile()).code());
        assertEquals(List.of("api:n1"), calls);
    }

    @Test
    void theFirstPluginThatDoesNotSkipDecides() {
        ClusterWriter.Outcome outcome = bind(profile(plugin("Skip", PluginStatus.unschedulable("not mine")),
                plugin("Mine", PluginStatus.success()), plugin("Never", PluginStatus.success())));
        assertEquals(200, outcome.code());
        assertEquals(List.of("Skip:n1", "Mine:n1"), calls);
    }

    @Test
    void whenEveryPluginSkipsTheApiBinds() {
        assertEquals(201, bind(profile(plugin("Skip", PluginStatus.unschedulable("not mine")))).code());
        assertEquals(List.of("Skip:n1", "api:n1"), calls);
    }

    @Test
    void aFailingPluginFailsTheBindingWithItsReason() {
        ClusterWriter.Outcome error = bind(profile(plugin("Broken", PluginStatus.error("node agent down"))));
        assertEquals(500, error.code());
        assertEquals("Bind plugin Broken: node agent down", error.message());
        calls.clear();
        ClusterWriter.Outcome thrown = bind(profile(plugin("Throws", null)));
        assertEquals(500, thrown.code());
        assertEquals("Bind plugin Throws failed: java.lang.IllegalStateException: boom", thrown.message());
        assertEquals(List.of("Throws:n1"), calls, "the API is not asked when a plugin decided");
    }
}

package org.kybern.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kybern.controller.internal.Fixtures.NOW;
import static org.kybern.controller.internal.Fixtures.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When taint eviction deletes a pod, table by table: the pod's tolerations and the node's taints in, the instant out. */
class TaintEvictionTest {

    private static final Duration DEFAULT = Duration.ofSeconds(300);
    private static final String ADDED = "2026-12-05T07:59:00Z";

    static Taint taint(String key, String effect) {
        return new TaintBuilder().withKey(key).withEffect(effect).withTimeAdded("NoExecute".equals(effect) ? ADDED : null)
                .build();
    }

    static Toleration toleration(String key, String effect, Long seconds) {
        return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(effect).withTolerationSeconds(seconds)
                .build();
    }

    static Pod tolerating(Toleration... tolerations) {
        return pod("p", null).editSpec().withTolerations(tolerations).endSpec().build();
    }

    static Stream<Arguments> cases() {
        Taint unreachable = taint(NodeLifecycleSync.UNREACHABLE, "NoExecute");
        Taint unreachableNoSchedule = taint(NodeLifecycleSync.UNREACHABLE, "NoSchedule");
        Taint custom = taint("example.com/drain", "NoExecute");
        Pod plain = pod("p", null).build();
        Instant added = Instant.parse(ADDED);
        return Stream.of(
                Arguments.of("no taints: stays", plain, List.of(), null),
                Arguments.of("only NoSchedule: stays", plain, List.of(unreachableNoSchedule), null),
                Arguments.of("unreachable, no toleration of its own: the default 300 s after the taint", plain,
                        List.of(unreachable), added.plusSeconds(300)),
                Arguments.of("own toleration of 5 s", tolerating(toleration(NodeLifecycleSync.UNREACHABLE, "NoExecute", 5L)),
                        List.of(unreachable), added.plusSeconds(5)),
                Arguments.of("own toleration without limit: stays for ever",
                        tolerating(toleration(NodeLifecycleSync.UNREACHABLE, "NoExecute", null)), List.of(unreachable), null),
                Arguments.of("tolerates everything: stays", tolerating(new TolerationBuilder().withOperator("Exists").build()),
                        List.of(unreachable, custom), null),
                Arguments.of("a NoExecute taint it does not tolerate: at once", plain, List.of(custom), NOW),
                Arguments.of("the earliest deadline of two tolerated taints",
                        tolerating(toleration("example.com/drain", "NoExecute", 10L)), List.of(unreachable, custom),
                        added.plusSeconds(10)),
                Arguments.of("negative seconds count as zero",
                        tolerating(toleration(NodeLifecycleSync.UNREACHABLE, "NoExecute", -3L)), List.of(unreachable), added),
                Arguments.of("already terminating: nothing more", new PodBuilder(plain).editMetadata()
                        .withDeletionTimestamp("2026-12-05T07:59:30Z").endMetadata().build(), List.of(custom), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evictsWhenToleranceRunsOut(String name, Pod pod, List<Taint> taints, Instant expected) {
        assertEquals(expected, TaintEviction.evictAt(pod, taints, DEFAULT, NOW));
    }
}

package org.kybern.runtime.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kybern.api.runtime.ContainerStatus.State;

/** Pure logic: image references, Docker states and times, Kubernetes' exit reasons. */
class ReferencesAndReasonsTest {

    @Test
    void imageReferencesSplitIntoRepositoryAndTag() {
        assertEquals("127.0.0.1:5000/team/app", DockerImages.repository("127.0.0.1:5000/team/app:1.2"));
        assertEquals(Optional.of("1.2"), DockerImages.tag("127.0.0.1:5000/team/app:1.2"));
        assertEquals("127.0.0.1:5000/team/app", DockerImages.repository("127.0.0.1:5000/team/app"));
        assertEquals(Optional.of("latest"), DockerImages.tag("127.0.0.1:5000/team/app"));
        assertEquals("busybox@sha256:abc", DockerImages.repository("busybox@sha256:abc"));
        assertEquals(Optional.empty(), DockerImages.tag("busybox@sha256:abc"));
    }

    @Test
    void dockerStatesAndReasons() {
        assertEquals(State.CREATED, ContainerStatuses.criState("created"));
        assertEquals(State.RUNNING, ContainerStatuses.criState("restarting"));
        assertEquals(State.EXITED, ContainerStatuses.criState("dead"));
        assertEquals(State.UNKNOWN, ContainerStatuses.criState(null));
        assertEquals("OOMKilled", ContainerStatuses.exitReason(true, 137));
        assertEquals("Completed", ContainerStatuses.exitReason(false, 0));
        assertEquals("Error", ContainerStatuses.exitReason(false, 137));
    }

    @Test
    void dockersZeroTimeMeansNever() {
        assertNull(ContainerStatuses.time("0001-01-01T00:00:00Z"));
        assertNull(ContainerStatuses.time(""));
        assertEquals(Instant.parse("2026-11-25T17:06:25.891879477Z"),
                ContainerStatuses.time("2026-11-25T17:06:25.891879477Z"));
    }

    @Test
    void namesFollowDockershim() {
        assertEquals("k8s_POD_web_default_u-1_2", DockerNames.sandboxName(new org.kybern.api.runtime.PodSandboxConfig(
                "web", "default", "u-1", 2, "web", java.util.Map.of(), java.util.List.of(), java.util.List.of(),
                java.util.List.of())));
    }

    @Test
    void dockerErrorBodiesBecomeTheirMessage() {
        assertEquals("No such image: x:1 (HTTP 404)", DockerCalls.dockerMessage(
                new com.github.dockerjava.api.exception.NotFoundException("Status 404: {\"message\":\"No such image: x:1\"}\n")));
    }
}

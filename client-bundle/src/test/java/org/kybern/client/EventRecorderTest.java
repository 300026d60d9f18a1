package org.kybern.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What the recorder writes: a new Event, or the count of an earlier one raised, as Kubernetes' recorder. */
class EventRecorderTest {

    private Instant now = Instant.parse("2026-12-05T08:00:00.123456789Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final EventRecorder recorder = new EventRecorder(null, "default-scheduler", null, Runnable::run, clock);
    private final Pod pod = new PodBuilder().withNewMetadata().withNamespace("shop").withName("web").withUid("u-1")
            .withResourceVersion("7").endMetadata().build();

    @Test
    void aFirstEventDescribesItsObjectAndSource() {
        EventRecorder.Write write = recorder.plan(pod, "spec.containers{app}", "Warning", "FailedScheduling", "0/3 nodes");
        assertNotNull(write.event());
        assertEquals("shop", write.namespace());
        assertEquals(write.name(), write.event().getMetadata().getName());
        assertEquals("web." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano()), write.name());
        assertEquals("Pod", write.event().getInvolvedObject().getKind());
        assertEquals("v1", write.event().getInvolvedObject().getApiVersion());
        assertEquals("u-1", write.event().getInvolvedObject().getUid());
        assertEquals("spec.containers{app}", write.event().getInvolvedObject().getFieldPath());
        assertEquals("Warning", write.event().getType());
        assertEquals("FailedScheduling", write.event().getReason());
        assertEquals(1, write.event().getCount());
        assertEquals("2026-12-05T08:00:00Z", write.event().getFirstTimestamp());
        assertEquals("default-scheduler", write.event().getSource().getComponent());
    }

    @Test
    void theSameEventAgainCountsUpTheFirst() {
        EventRecorder.Write first = recorder.plan(pod, null, "Warning", "FailedScheduling", "0/3 nodes");
        now = now.plusSeconds(30);
        EventRecorder.Write second = recorder.plan(pod, null, "Warning", "FailedScheduling", "0/3 nodes");
        EventRecorder.Write third = recorder.plan(pod, null, "Warning", "FailedScheduling", "0/3 nodes");
        assertNull(second.event());
        assertEquals(first.name(), second.name());
        assertEquals(2, second.count());
        assertEquals(3, third.count());
        assertEquals(Instant.parse("2026-12-05T08:00:30Z"), third.at());
    }

    @Test
    void anotherMessageOrReasonOrObjectIsAnotherEvent() {
        EventRecorder.Write first = recorder.plan(pod, null, "Warning", "FailedScheduling", "0/3 nodes");
        EventRecorder.Write message = recorder.plan(pod, null, "Warning", "FailedScheduling", "0/4 nodes");
        EventRecorder.Write reason = recorder.plan(pod, null, "Normal", "Scheduled", "0/3 nodes");
        Pod other = new PodBuilder(pod).editMetadata().withUid("u-2").endMetadata().build();
        EventRecorder.Write object = recorder.plan(other, null, "Warning", "FailedScheduling", "0/3 nodes");
        for (EventRecorder.Write w : new EventRecorder.Write[] {message, reason, object}) {
            assertNotNull(w.event());
            assertNotEquals(first.name(), w.name(), "names stay unique within one instant");
        }
    }

    @Test
    void aRepeatAfterTenMinutesStartsAFreshEvent() {
        EventRecorder.Write first = recorder.plan(pod, null, "Warning", "BackOff", "restarting");
        now = now.plus(EventRecorder.AGGREGATE_WITHIN).plus(Duration.ofSeconds(1));
        EventRecorder.Write later = recorder.plan(pod, null, "Warning", "BackOff", "restarting");
        assertNotNull(later.event());
        assertNotEquals(first.name(), later.name());
        assertEquals(1, later.count());
    }

    @Test
    void eventsAboutANodeGoToTheDefaultNamespace() {
        Node node = new NodeBuilder().withNewMetadata().withName("n1").withUid("n-1").endMetadata().build();
        EventRecorder.Write write = recorder.plan(node, null, "Normal", "NodeNotReady", "Node n1 status is now: NodeNotReady");
        assertEquals("default", write.namespace());
        assertEquals("default", write.event().getMetadata().getNamespace());
        assertEquals("Node", write.event().getInvolvedObject().getKind());
        assertNull(write.event().getInvolvedObject().getNamespace());
    }
}

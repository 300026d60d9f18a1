package org.kybern.runtime.docker.internal;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.kybern.api.runtime.ContainerStatus;
import org.kybern.api.runtime.ContainerStatus.State;
import org.kybern.api.runtime.RuntimeLabels;

/** Docker's view of a container, as CRI states and Kubernetes' reasons. */
final class ContainerStatuses {

    /** Docker's "never": the zero time of Go. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private ContainerStatuses() {
    }

    static ContainerStatus of(InspectContainerResponse inspected) {
        ContainerState state = inspected.getState();
        Map<String, String> labels = inspected.getConfig().getLabels() == null ? Map.of()
                : inspected.getConfig().getLabels();
        State criState = criState(state.getStatus());
        int exitCode = state.getExitCodeLong() == null ? 0 : state.getExitCodeLong().intValue();
        String reason = criState == State.EXITED ? exitReason(Boolean.TRUE.equals(state.getOOMKilled()), exitCode) : null;
        String message = state.getError() == null || state.getError().isBlank() ? null : state.getError();
        return new ContainerStatus(inspected.getId(), labels.get(DockerNames.SANDBOX_ID_LABEL),
                labels.getOrDefault(RuntimeLabels.CONTAINER_NAME, DockerNames.bare(inspected.getName())),
                inspected.getConfig().getImage(), inspected.getImageId(), criState, exitCode,
                time(inspected.getCreated()), time(state.getStartedAt()), time(state.getFinishedAt()), reason, message,
                labels);
    }

    static State criState(String dockerStatus) {
        if (dockerStatus == null) {
            return State.UNKNOWN;
        }
        return switch (dockerStatus) {
            case "created" -> State.CREATED;
            case "running", "paused", "restarting" -> State.RUNNING;
            case "exited", "dead", "removing" -> State.EXITED;
            default -> State.UNKNOWN;
        };
    }

    /** Kubernetes' reasons for a terminated container. */
    static String exitReason(boolean oomKilled, int exitCode) {
        if (oomKilled) {
            return "OOMKilled";
        }
        return exitCode == 0 ? "Completed" : "Error";
    }

    static Instant time(String dockerTime) {
        if (dockerTime == null || dockerTime.isEmpty()) {
            return null;
        }
        try {
            Instant parsed = Instant.parse(dockerTime);
            return parsed.equals(GO_ZERO_TIME) ? null : parsed;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

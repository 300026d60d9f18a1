package org.kybern.kubelet.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.kybern.api.runtime.ContainerStatus;
import org.kybern.api.runtime.PodSandboxStatus;
import org.kybern.api.runtime.RuntimeLabels;

/**
 * A pod's status as Kubernetes' kubelet computes it, from what the runtime shows now: phase,
 * conditions (with their transition times kept while unchanged), IPs, start time and the status
 * of every container (state, last state, restart count, ready, started).
 */
final class PodStatusComputer {

    /** Why a container waits, when the sync decided it (back-off, image pull, configuration). */
    record Waiting(String reason, String message) {
    }

    /**
     * What the kubelet observed for one pod.
     *
     * @param sandbox  the pod's ready sandbox, or {@code null}
     * @param attempts per container name, its runtime containers, newest attempt first
     * @param waiting  per container name, why the sync left it waiting
     * @param ready    whether a running container (by id) passes its readiness probe (true without one)
     * @param started  whether a running container (by id) passed its startup probe (true without one)
     */
    record Observed(PodSandboxStatus sandbox, Map<String, List<ContainerStatus>> attempts, Map<String, Waiting> waiting,
            Predicate<String> ready, Predicate<String> started) {
    }

    private PodStatusComputer() {
    }

    static PodStatus build(Pod pod, Observed observed, String hostIP, String runtimeName, Instant now) {
        PodStatus old = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        List<Container> init = list(pod.getSpec().getInitContainers());
        List<Container> apps = list(pod.getSpec().getContainers());
        String restartPolicy = pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();

        List<io.fabric8.kubernetes.api.model.ContainerStatus> initStatuses = new ArrayList<>();
        List<String> notInitialized = new ArrayList<>();
        boolean initFailed = false;
        for (Container c : init) {
            io.fabric8.kubernetes.api.model.ContainerStatus s = containerStatus(c, observed, runtimeName, true, "PodInitializing");
            initStatuses.add(s);
            ContainerStateTerminated t = s.getState().getTerminated();
            if (t == null || t.getExitCode() != 0) {
                notInitialized.add(c.getName());
                boolean failedNow = t != null || s.getLastState() != null && s.getLastState().getTerminated() != null
                        && s.getLastState().getTerminated().getExitCode() != 0;
                initFailed |= failedNow && restartPolicy.equals("Never");
            }
        }
        boolean initialized = notInitialized.isEmpty();

        List<io.fabric8.kubernetes.api.model.ContainerStatus> statuses = new ArrayList<>();
        List<String> notReady = new ArrayList<>();
        int running = 0, waiting = 0, stopped = 0, succeeded = 0, failed = 0, unknown = 0;
        for (Container c : apps) {
            io.fabric8.kubernetes.api.model.ContainerStatus s = containerStatus(c, observed, runtimeName, false,
                    initialized ? "ContainerCreating" : "PodInitializing");
            statuses.add(s);
            if (!Boolean.TRUE.equals(s.getReady())) {
                notReady.add(c.getName());
            }
            ContainerState state = s.getState();
            if (state.getRunning() != null) {
                running++;
            } else if (state.getTerminated() != null) {
                stopped++;
                if (state.getTerminated().getExitCode() == 0) {
                    succeeded++;
                } else {
                    failed++;
                }
            } else if (s.getLastState() != null && s.getLastState().getTerminated() != null) {
                stopped++;
                if (s.getLastState().getTerminated().getExitCode() == 0) {
                    succeeded++;
                } else {
                    failed++;
                }
            } else if (observed.attempts().containsKey(c.getName()) || observed.waiting().containsKey(c.getName())) {
                waiting++;
            } else {
                unknown++;
            }
        }
        String phase = phase(restartPolicy, initialized, initFailed, running, waiting, stopped, succeeded, failed, unknown);

        String podIP = observed.sandbox() != null && observed.sandbox().ip() != null ? observed.sandbox().ip() : old.getPodIP();
        boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition(old, "PodReadyToStartContainers",
                observed.sandbox() != null && observed.sandbox().ip() != null, null, null, now));
        conditions.add(condition(old, "Initialized", initialized || terminal && notInitialized.isEmpty(),
                initialized ? null : "ContainersNotInitialized",
                initialized ? null : "containers with incomplete status: " + goList(notInitialized), now));
        boolean ready = notReady.isEmpty() && !terminal;
        String notReadyReason = terminal ? "PodCompleted" : "ContainersNotReady";
        String notReadyMessage = terminal ? null : "containers with unready status: " + goList(notReady);
        conditions.add(condition(old, "ContainersReady", ready, ready ? null : notReadyReason,
                ready ? null : notReadyMessage, now));
        conditions.add(condition(old, "Ready", ready, ready ? null : notReadyReason, ready ? null : notReadyMessage, now));
        conditions.add(condition(old, "PodScheduled", true, null, null, now));

        PodStatus status = new PodStatus();
        status.setPhase(phase);
        status.setConditions(conditions);
        status.setHostIP(hostIP);
        status.setHostIPs(List.of(new HostIP(hostIP)));
        if (podIP != null) {
            status.setPodIP(podIP);
            status.setPodIPs(List.of(new PodIP(podIP)));
        }
        status.setStartTime(old.getStartTime() != null ? old.getStartTime() : time(now));
        status.setInitContainerStatuses(initStatuses);
        status.setContainerStatuses(statuses);
        status.setQosClass(old.getQosClass() != null ? old.getQosClass() : qosClass(pod));
        return status;
    }

    /** Kubernetes' getPhase. */
    static String phase(String restartPolicy, boolean initialized, boolean initFailed, int running, int waiting,
            int stopped, int succeeded, int failed, int unknown) {
        if (initFailed) {
            return "Failed";
        }
        if (!initialized || waiting > 0) {
            return "Pending";
        }
        if (running > 0 && unknown == 0) {
            return "Running";
        }
        if (running == 0 && stopped > 0 && unknown == 0) {
            return switch (restartPolicy) {
                case "Always" -> "Running";
                case "OnFailure" -> stopped == succeeded ? "Succeeded" : "Running";
                default -> failed > 0 ? "Failed" : "Succeeded";
            };
        }
        return "Pending";
    }

    private static io.fabric8.kubernetes.api.model.ContainerStatus containerStatus(Container c, Observed observed,
            String runtimeName, boolean initContainer, String defaultWaiting) {
        List<ContainerStatus> attempts = observed.attempts().getOrDefault(c.getName(), List.of());
        ContainerStatus latest = attempts.isEmpty() ? null : attempts.get(0);
        ContainerStatus previous = attempts.size() > 1 ? attempts.get(1) : null;
        Waiting why = observed.waiting().get(c.getName());
        ContainerStatusBuilder b = new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage())
                .withImageID("").withRestartCount(latest == null ? 0 : attempt(latest)).withReady(false)
                .withStarted(false);
        if (latest != null) {
            b.withContainerID(runtimeName + "://" + latest.id());
            b.withImageID(latest.imageId() == null ? "" : latest.imageId());
        }
        ContainerState lastState = null;
        ContainerState state;
        if (why != null) {
            state = new ContainerStateBuilder().withNewWaiting().withReason(why.reason()).withMessage(why.message())
                    .endWaiting().build();
            ContainerStatus last = latest != null && latest.state() == ContainerStatus.State.EXITED ? latest : previous;
            lastState = terminatedOrNull(last, runtimeName);
        } else if (latest == null || latest.state() == ContainerStatus.State.CREATED
                || latest.state() == ContainerStatus.State.UNKNOWN) {
            state = new ContainerStateBuilder().withNewWaiting().withReason(defaultWaiting).endWaiting().build();
            lastState = terminatedOrNull(previous, runtimeName);
        } else if (latest.state() == ContainerStatus.State.RUNNING) {
            state = new ContainerStateBuilder().withNewRunning().withStartedAt(time(latest.startedAt())).endRunning().build();
            lastState = terminatedOrNull(previous, runtimeName);
            boolean started = observed.started().test(latest.id());
            b.withStarted(started);
            b.withReady(!initContainer && started && observed.ready().test(latest.id()));
        } else {
            state = terminated(latest, runtimeName);
            lastState = terminatedOrNull(previous, runtimeName);
            b.withReady(initContainer && latest.exitCode() == 0);
        }
        b.withState(state);
        b.withLastState(lastState == null ? new ContainerState() : lastState);
        return b.build();
    }

    private static ContainerState terminatedOrNull(ContainerStatus s, String runtimeName) {
        return s == null || s.state() != ContainerStatus.State.EXITED ? null : terminated(s, runtimeName);
    }

    private static ContainerState terminated(ContainerStatus s, String runtimeName) {
        ContainerStateTerminatedBuilder t = new ContainerStateTerminatedBuilder().withExitCode(s.exitCode())
                .withReason(reason(s)).withContainerID(runtimeName + "://" + s.id())
                .withStartedAt(time(s.startedAt())).withFinishedAt(time(s.finishedAt()));
        if (s.message() != null && !s.message().isEmpty()) {
            t.withMessage(s.message());
        }
        return new ContainerStateBuilder().withTerminated(t.build()).build();
    }

    /** OOMKilled from the runtime, else Completed for exit code 0 and Error otherwise. */
    static String reason(ContainerStatus s) {
        if (s.reason() != null && !s.reason().isEmpty() && !s.reason().equals("Completed") && !s.reason().equals("Error")) {
            return s.reason();
        }
        return s.exitCode() == 0 ? "Completed" : "Error";
    }

    static int attempt(ContainerStatus s) {
        try {
            return Integer.parseInt(s.labels().getOrDefault(RuntimeLabels.CONTAINER_ATTEMPT, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static PodCondition condition(PodStatus old, String type, boolean ok, String reason, String message,
            Instant now) {
        String status = ok ? "True" : "False";
        String since = time(now);
        for (PodCondition c : list(old.getConditions())) {
            if (type.equals(c.getType()) && status.equals(c.getStatus()) && c.getLastTransitionTime() != null) {
                since = c.getLastTransitionTime();
            }
        }
        return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(since).build();
    }

    /** BestEffort without any request or limit, Guaranteed when every container's limits equal its requests. */
    static String qosClass(Pod pod) {
        boolean any = false;
        boolean guaranteed = true;
        List<Container> all = new ArrayList<>(list(pod.getSpec().getInitContainers()));
        all.addAll(list(pod.getSpec().getContainers()));
        for (Container c : all) {
            Map<String, Quantity> limits = c.getResources() == null || c.getResources().getLimits() == null ? Map.of()
                    : c.getResources().getLimits();
            Map<String, Quantity> requests = c.getResources() == null || c.getResources().getRequests() == null
                    ? Map.of() : c.getResources().getRequests();
            any |= !limits.isEmpty() || !requests.isEmpty();
            for (String r : List.of("cpu", "memory")) {
                Quantity limit = limits.get(r);
                Quantity request = requests.getOrDefault(r, limit);
                if (limit == null || request == null
                        || limit.getNumericalAmount().compareTo(request.getNumericalAmount()) != 0) {
                    guaranteed = false;
                }
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }

    static String time(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String goList(List<String> names) {
        return "[" + String.join(" ", names) + "]";
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    /**
     * Whether writing {@code computed} as a merge patch would change {@code current}: only the
     * fields the kubelet sets count, so a field the API server set does not cause a write on every sync.
     */
    static boolean changes(PodStatus current, PodStatus computed) {
        if (current == null) {
            return true;
        }
        return !Objects.equals(current.getPhase(), computed.getPhase())
                || !Objects.equals(current.getConditions(), computed.getConditions())
                || !Objects.equals(current.getHostIP(), computed.getHostIP())
                || !Objects.equals(current.getHostIPs(), computed.getHostIPs())
                || computed.getPodIP() != null && !Objects.equals(current.getPodIP(), computed.getPodIP())
                || computed.getPodIPs() != null && !Objects.equals(current.getPodIPs(), computed.getPodIPs())
                || !Objects.equals(current.getStartTime(), computed.getStartTime())
                || !Objects.equals(list(current.getInitContainerStatuses()), computed.getInitContainerStatuses())
                || !Objects.equals(list(current.getContainerStatuses()), computed.getContainerStatuses())
                || !Objects.equals(current.getQosClass(), computed.getQosClass());
    }
}

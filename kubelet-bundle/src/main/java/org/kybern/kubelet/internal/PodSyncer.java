package org.kybern.kubelet.internal;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.kybern.api.runtime.ContainerConfig;
import org.kybern.api.runtime.ContainerRuntime;
import org.kybern.api.runtime.ContainerStatus;
import org.kybern.api.runtime.PodSandboxConfig;
import org.kybern.api.runtime.PodSandboxStatus;
import org.kybern.api.runtime.RegistryAuth;
import org.kybern.api.runtime.RuntimeLabels;
import org.kybern.api.runtime.RuntimeOperationException;
import org.kybern.kubelet.internal.PodStatusComputer.Waiting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One level-triggered sync of one pod: read the pod and what the runtime has for it, make the
 * runtime match (sandbox, init containers in order, app containers after the restart policy and
 * back-off, probes' verdicts, graceful termination of a deleted pod), then write the status the
 * runtime now shows, if it changed.
 */
final class PodSyncer {

    private static final Logger LOG = LoggerFactory.getLogger(PodSyncer.class);
    private static final Duration IMAGE_BACKOFF = Duration.ofSeconds(10);
    /** How long after a kill (137) a pod is synced again, every {@link #OOM_RECHECK}, for a late OOM flag. */
    private static final Duration OOM_WINDOW = Duration.ofSeconds(10);
    private static final Duration OOM_RECHECK = Duration.ofSeconds(1);
    private static final long DEFAULT_GRACE_SECONDS = 30;
    /** Kubernetes' minimum grace for containers whose pod object is gone (its spec unknown). */
    private static final Duration ORPHAN_GRACE = Duration.ofSeconds(2);

    private final NodeContext node;
    private final ContainerRuntime runtime;
    private final CrashBackOff crashBackOff = new CrashBackOff();
    private final CrashBackOff pullBackOff = new CrashBackOff();
    private final ProbeManager probes;
    private final ExecutorService stoppers;
    private final BiConsumer<String, Duration> requeueAfter;

    PodSyncer(NodeContext node, ProbeManager probes, ExecutorService stoppers, BiConsumer<String, Duration> requeueAfter) {
        this.node = node;
        this.runtime = node.runtime();
        this.probes = probes;
        this.stoppers = stoppers;
        this.requeueAfter = requeueAfter;
    }

    /** @param pod the pod of {@code key} in the informer's cache, or {@code null} when it is gone */
    void sync(String key, Pod pod) {
        // One look at everything of this pod's name: what belongs to another UID (a deleted pod, an
        // older pod of the same name) goes; the rest is this pod's.
        Map<String, String> byName = new HashMap<>(node.nodeSelector());
        int slash = key.indexOf('/');
        byName.put(RuntimeLabels.POD_NAMESPACE, key.substring(0, slash));
        byName.put(RuntimeLabels.POD_NAME, key.substring(slash + 1));
        String uid = pod == null ? null : pod.getMetadata().getUid();
        List<ContainerStatus> containers = new ArrayList<>();
        for (ContainerStatus c : runtime.listContainers(byName)) {
            if (isOf(c.labels(), uid)) {
                containers.add(c);
            } else {
                runtime.stopContainer(c.id(), ORPHAN_GRACE);
                runtime.removeContainer(c.id());
            }
        }
        List<PodSandboxStatus> sandboxes = new ArrayList<>();
        for (PodSandboxStatus s : runtime.listPodSandboxes(byName)) {
            if (isOf(s.labels(), uid)) {
                sandboxes.add(s);
            } else {
                String gone = s.labels().getOrDefault(RuntimeLabels.POD_UID, "");
                LOG.info("Pod {}: removing sandbox {} of a pod that is gone (uid {})", key, s.id(), gone);
                runtime.stopPodSandbox(s.id());
                runtime.removePodSandbox(s.id());
                deletePodDir(gone);
                crashBackOff.forget(gone + "/");
                pullBackOff.forget(gone + "/");
            }
        }
        if (pod == null) {
            return;
        }
        Map<String, String> selector = new HashMap<>(node.nodeSelector());
        selector.put(RuntimeLabels.POD_UID, uid);
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            terminate(pod, selector, containers, sandboxes);
            return;
        }
        Map<String, Waiting> waiting = new LinkedHashMap<>();
        Map<String, List<ContainerStatus>> attempts = attempts(containers);
        PodSandboxStatus sandbox = readySandbox(sandboxes);
        String restartPolicy = restartPolicy(pod);
        if (sandbox == null && !done(pod, attempts)) {
            sandbox = newSandbox(key, pod, sandboxes.size(), attempts);
        }
        if (sandbox != null) {
            SyncAttempt attempt = new SyncAttempt(key, pod, sandbox, waiting);
            if (attempt.initContainers(attempts, restartPolicy)) {
                attempt.appContainers(attempts, restartPolicy);
            }
            attempts = attempts(runtime.listContainers(selector));
            removeOldAttempts(attempts);
        }
        PodStatus status = writeStatus(pod, sandbox, attempts, waiting);
        if (mayLearnOfAnOomKill(attempts)) {
            requeueAfter.accept(key, OOM_RECHECK);
        }
        boolean terminal = "Succeeded".equals(status.getPhase()) || "Failed".equals(status.getPhase());
        if (terminal && sandbox != null) {
            stopContainers(pod, running(attempts), Instant.now().plusSeconds(gracePeriod(pod)), null);
            runtime.stopPodSandbox(sandbox.id()); // Kubernetes releases a finished pod's network namespace
        }
    }

    /**
     * A container killed (137) moments ago that the runtime does not call OOMKilled may still become
     * so: Docker learns of an OOM kill by an event of its own that can come after the exit, later than
     * the runtime waits for it on a busy machine. Such a pod is looked at again for a few seconds, so
     * its status shows the reason once it is known (nothing else would sync a finished pod again).
     */
    private static boolean mayLearnOfAnOomKill(Map<String, List<ContainerStatus>> attempts) {
        Instant recent = Instant.now().minus(OOM_WINDOW);
        return attempts.values().stream().flatMap(List::stream)
                .anyMatch(c -> c.state() == ContainerStatus.State.EXITED && c.exitCode() == 137
                        && !"OOMKilled".equals(c.reason()) && c.finishedAt() != null && c.finishedAt().isAfter(recent));
    }

    /** Computes the pod's status from what the runtime shows and writes it when it changed. */
    private PodStatus writeStatus(Pod pod, PodSandboxStatus sandbox, Map<String, List<ContainerStatus>> attempts,
            Map<String, Waiting> waiting) {
        Map<String, Container> specs = new HashMap<>();
        list(pod.getSpec().getContainers()).forEach(c -> specs.put(c.getName(), c));
        Map<String, Container> specById = new HashMap<>();
        attempts.forEach((name, list) -> list.forEach(c -> specById.put(c.id(), specs.get(name))));
        // A container with a probe counts as failing it until the probe said otherwise, as in Kubernetes.
        PodStatusComputer.Observed observed = new PodStatusComputer.Observed(sandbox, attempts, waiting,
                id -> passes(specById.get(id), Container::getReadinessProbe, id, ProbeManager.Kind.READINESS),
                id -> passes(specById.get(id), Container::getStartupProbe, id, ProbeManager.Kind.STARTUP));
        PodStatus status = PodStatusComputer.build(pod, observed, node.hostIP(), runtime.name(), Instant.now());
        if (PodStatusComputer.changes(pod.getStatus(), status)) {
            Pod patch = new PodBuilder().withNewMetadata().withName(pod.getMetadata().getName())
                    .withNamespace(pod.getMetadata().getNamespace()).endMetadata().withStatus(status).build();
            node.client().pods().inNamespace(pod.getMetadata().getNamespace()).resource(patch).patchStatus();
        }
        return status;
    }

    private boolean passes(Container spec, java.util.function.Function<Container, Object> probe, String containerId,
            ProbeManager.Kind kind) {
        return spec == null || probe.apply(spec) == null || probes.result(containerId, kind, false);
    }

    // --- one pass over the containers -------------------------------------------------------

    /** The decisions of one sync over a pod with a ready sandbox. */
    private final class SyncAttempt {
        final String key;
        final Pod pod;
        final PodSandboxStatus sandbox;
        final Map<String, Waiting> waiting;
        Map<String, Path> volumes;
        Map<String, String> serviceEnv;

        SyncAttempt(String key, Pod pod, PodSandboxStatus sandbox, Map<String, Waiting> waiting) {
            this.key = key;
            this.pod = pod;
            this.sandbox = sandbox;
            this.waiting = waiting;
        }

        /** Runs the init containers in order; true once all of them completed. */
        boolean initContainers(Map<String, List<ContainerStatus>> attempts, String restartPolicy) {
            for (Container c : list(pod.getSpec().getInitContainers())) {
                ContainerStatus latest = latest(attempts, c.getName());
                if (latest == null || !inSandbox(latest)) {
                    start(c, latest == null ? 0 : PodStatusComputer.attempt(latest) + 1);
                    return false;
                }
                switch (latest.state()) {
                    case RUNNING -> {
                        return false;
                    }
                    case EXITED -> {
                        if (latest.exitCode() == 0) {
                            continue;
                        }
                        if (!restartPolicy.equals("Never")) {
                            restartWithBackOff(c, latest);
                        }
                        return false;
                    }
                    default -> {
                        startCreated(c, latest);
                        return false;
                    }
                }
            }
            return true;
        }

        void appContainers(Map<String, List<ContainerStatus>> attempts, String restartPolicy) {
            for (Container c : list(pod.getSpec().getContainers())) {
                ContainerStatus latest = latest(attempts, c.getName());
                if (latest == null) {
                    start(c, 0);
                    continue;
                }
                switch (latest.state()) {
                    case RUNNING -> {
                        if (!inSandbox(latest)) {
                            stop(latest, "its sandbox is gone");
                        } else if (!probes.result(latest.id(), ProbeManager.Kind.LIVENESS, true)) {
                            kill(latest, c.getLivenessProbe(), "failed liveness probe");
                        } else if (probes.startupFailed(latest.id())) {
                            kill(latest, c.getStartupProbe(), "failed startup probe");
                        } else {
                            probes.ensure(key, pod, c, latest.id(), sandbox.ip());
                        }
                    }
                    case EXITED -> {
                        if (restarts(restartPolicy, latest.exitCode()) || !inSandbox(latest)
                                && !restartPolicy.equals("Never")) {
                            restartWithBackOff(c, latest);
                        }
                    }
                    default -> startCreated(c, latest);
                }
            }
        }

        private boolean inSandbox(ContainerStatus c) {
            return c.sandboxId() == null || c.sandboxId().equals(sandbox.id());
        }

        private void stop(ContainerStatus container, String why) {
            LOG.info("Pod {}: stopping container {} ({}) because {}", key, container.name(), container.id(), why);
            runtime.stopContainer(container.id(), Duration.ofSeconds(gracePeriod(pod)));
            requeueAfter.accept(key, Duration.ZERO);
        }

        /**
         * A container its probe gave up on: preStop, then SIGTERM and SIGKILL after the probe's
         * {@code terminationGracePeriodSeconds}, else the pod's; the restart policy decides the rest.
         */
        private void kill(ContainerStatus container, io.fabric8.kubernetes.api.model.Probe probe,
                String why) {
            LOG.info("Pod {}: killing container {} ({}): {}", key, container.name(), container.id(), why);
            long grace = probe != null && probe.getTerminationGracePeriodSeconds() != null
                    ? Math.max(0, probe.getTerminationGracePeriodSeconds()) : gracePeriod(pod);
            stopContainers(pod, List.of(container), Instant.now().plusSeconds(grace), why + ", will be restarted");
            requeueAfter.accept(key, Duration.ZERO);
        }

        private void restartWithBackOff(Container c, ContainerStatus latest) {
            String backOffKey = pod.getMetadata().getUid() + "/" + c.getName();
            Instant now = Instant.now();
            Instant finished = latest.finishedAt() != null ? latest.finishedAt() : now;
            Duration left = crashBackOff.remaining(backOffKey, latest.startedAt(), finished, now);
            if (!left.isZero()) {
                Duration delay = Duration.between(finished, now).plus(left);
                waiting.put(c.getName(), new Waiting("CrashLoopBackOff", "back-off " + delay.toSeconds()
                        + "s restarting failed container=" + c.getName() + " pod=" + pod.getMetadata().getName() + "_"
                        + pod.getMetadata().getNamespace() + "(" + pod.getMetadata().getUid() + ")"));
                node.events().warning(pod, c.getName(), "BackOff", "Back-off restarting failed container " + c.getName()
                        + " in pod " + pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "("
                        + pod.getMetadata().getUid() + ")");
                requeueAfter.accept(key, left);
                return;
            }
            crashBackOff.restarted(backOffKey, latest.startedAt(), finished, now);
            start(c, PodStatusComputer.attempt(latest) + 1);
        }

        /** A container left created (the kubelet stopped between create and start) is removed and made again. */
        private void startCreated(Container c, ContainerStatus created) {
            runtime.removeContainer(created.id());
            start(c, PodStatusComputer.attempt(created));
        }

        private void start(Container c, int attempt) {
            try {
                if (!ensureImage(c)) {
                    return;
                }
                ContainerConfig config = config(c, attempt);
                String id = runtime.createContainer(sandbox.id(), config);
                node.events().normal(pod, c.getName(), "Created", "Created container " + c.getName());
                try {
                    runtime.startContainer(id);
                } catch (RuntimeOperationException e) {
                    runtime.removeContainer(id);
                    throw e;
                }
                node.events().normal(pod, c.getName(), "Started", "Started container " + c.getName());
                LOG.info("Pod {}: started container {} (attempt {}, {})", key, c.getName(), attempt, id);
            } catch (ContainerConfigError e) {
                node.events().warning(pod, c.getName(), "Failed", "Error: " + e.getMessage());
                waiting.put(c.getName(), new Waiting("CreateContainerConfigError", e.getMessage()));
                requeueAfter.accept(key, IMAGE_BACKOFF);
            } catch (RuntimeOperationException | IOException e) {
                LOG.warn("Pod {}: cannot start container {}: {}", key, c.getName(), e.getMessage());
                node.events().warning(pod, c.getName(), "Failed", "Error: " + e.getMessage());
                waiting.put(c.getName(), new Waiting("RunContainerError", e.getMessage()));
                requeueAfter.accept(key, IMAGE_BACKOFF);
            }
        }

        /** Pulls as imagePullPolicy says; false (with the waiting reason set) when the image is not there. */
        private boolean ensureImage(Container c) {
            String image = c.getImage();
            ImagePullPolicy policy;
            try {
                policy = ImagePullPolicy.of(c.getImagePullPolicy(), image);
            } catch (IllegalArgumentException e) {
                throw new ContainerConfigError(e.getMessage());
            }
            boolean present = runtime.imageStatus(image).isPresent();
            if (!policy.pull(present)) {
                if (!present) {
                    String message = "Container image \"" + image + "\" is not present with pull policy of Never";
                    node.events().warning(pod, c.getName(), "ErrImageNeverPull", message);
                    waiting.put(c.getName(), new Waiting("ErrImageNeverPull", message));
                    requeueAfter.accept(key, IMAGE_BACKOFF);
                    return false;
                }
                node.events().normal(pod, c.getName(), "Pulled", "Container image \"" + image
                        + "\" already present on machine");
                return true;
            }
            String backOffKey = pod.getMetadata().getUid() + "/image/" + image;
            Instant now = Instant.now();
            Duration left = pullBackOff.remaining(backOffKey, null, now, now);
            if (!left.isZero()) {
                String message = "Back-off pulling image \"" + image + "\"";
                node.events().normal(pod, c.getName(), "BackOff", message);
                waiting.put(c.getName(), new Waiting("ImagePullBackOff", message));
                requeueAfter.accept(key, left);
                return false;
            }
            try {
                node.events().normal(pod, c.getName(), "Pulling", "Pulling image \"" + image + "\"");
                runtime.pullImage(image, registryAuth(image).orElse(null));
                pullBackOff.forget(backOffKey);
                node.events().normal(pod, c.getName(), "Pulled", "Successfully pulled image \"" + image + "\" in "
                        + Duration.between(now, Instant.now()).toMillis() + "ms");
                return true;
            } catch (RuntimeOperationException e) {
                node.events().warning(pod, c.getName(), "Failed", "Failed to pull image \"" + image + "\": "
                        + e.getMessage());
                pullBackOff.restarted(backOffKey, null, now, now);
                waiting.put(c.getName(), new Waiting("ErrImagePull", e.getMessage()));
                requeueAfter.accept(key, IMAGE_BACKOFF);
                return false;
            }
        }

        private Optional<RegistryAuth> registryAuth(String image) {
            String registry = ImagePullPolicy.registry(image);
            for (LocalObjectReference ref : list(pod.getSpec().getImagePullSecrets())) {
                Optional<RegistryAuth> auth = secret(pod.getMetadata().getNamespace(), ref.getName())
                        .flatMap(s -> RegistryCredentials.find(s.getData(), registry));
                if (auth.isPresent()) {
                    return auth;
                }
            }
            return Optional.empty();
        }

        private ContainerConfig config(Container c, int attempt) throws IOException {
            if (volumes == null) {
                volumes = Volumes.materialize(pod, podDir(pod.getMetadata().getUid()), PodSyncer.this::configMap,
                        PodSyncer.this::secret);
            }
            if (serviceEnv == null) {
                boolean links = !Boolean.FALSE.equals(pod.getSpec().getEnableServiceLinks());
                serviceEnv = ServiceEnv.of(pod.getMetadata().getNamespace(), links, services(pod.getMetadata().getNamespace()));
            }
            Map<String, String> env = EnvResolver.resolve(pod, c, new EnvResolver.Context(PodSyncer.this::configMap,
                    PodSyncer.this::secret, serviceEnv, sandbox.ip(), node.hostIP(), node.allocatable()));
            // The pod's hostname, as a shell shows it in $HOSTNAME: a sandbox from the runtime's pool
            // would otherwise lend its own name (Docker copies it into every container that joins).
            env.putIfAbsent("HOSTNAME", hostname(pod));
            Map<String, String> labels = new HashMap<>(podLabels(pod));
            labels.put(RuntimeLabels.CONTAINER_NAME, c.getName());
            labels.put(RuntimeLabels.CONTAINER_ATTEMPT, Integer.toString(attempt));
            var resources = c.getResources();
            Map<String, Quantity> limits = resources == null || resources.getLimits() == null ? Map.of() : resources.getLimits();
            Map<String, Quantity> requests = resources == null || resources.getRequests() == null ? Map.of()
                    : resources.getRequests();
            Long runAsUser = c.getSecurityContext() != null && c.getSecurityContext().getRunAsUser() != null
                    ? c.getSecurityContext().getRunAsUser()
                    : pod.getSpec().getSecurityContext() != null ? pod.getSpec().getSecurityContext().getRunAsUser() : null;
            return new ContainerConfig(c.getName(), c.getImage(), EnvResolver.expand(c.getCommand(), env),
                    EnvResolver.expand(c.getArgs(), env), env, emptyToNull(c.getWorkingDir()),
                    Volumes.mounts(pod, c, volumes), labels, bytes(limits.get("memory")),
                    millis(limits.get("cpu")), millis(requests.getOrDefault("cpu", limits.get("cpu"))), runAsUser);
        }
    }

    // --- sandbox ----------------------------------------------------------------------------

    /** @param attempt how many sandboxes the pod had before */
    private PodSandboxStatus newSandbox(String key, Pod pod, int attempt, Map<String, List<ContainerStatus>> attempts) {
        // Containers still running in a sandbox that is no longer ready have lost their network.
        stopContainers(pod, running(attempts), Instant.now().plusSeconds(gracePeriod(pod)), null);
        List<PodSandboxConfig.PortMapping> ports = new ArrayList<>();
        for (Container c : list(pod.getSpec().getContainers())) {
            for (ContainerPort p : list(c.getPorts())) {
                if (p.getHostPort() != null && p.getHostPort() > 0) {
                    ports.add(new PodSandboxConfig.PortMapping(p.getProtocol() == null ? "TCP" : p.getProtocol(),
                            p.getContainerPort(), p.getHostPort(), emptyToNull(p.getHostIP())));
                }
            }
        }
        String hostname = hostname(pod);
        PodDns.Settings dns = node.dns().forPod(pod);
        PodSandboxConfig config = new PodSandboxConfig(pod.getMetadata().getName(), pod.getMetadata().getNamespace(),
                pod.getMetadata().getUid(), attempt, hostname, podLabels(pod), dns.servers(), dns.searches(),
                dns.options(), ports);
        try {
            String id = runtime.runPodSandbox(config);
            LOG.info("Pod {}: sandbox {} (attempt {})", key, id, attempt);
            return runtime.podSandboxStatus(id).filter(s -> s.state() == PodSandboxStatus.State.READY).orElse(null);
        } catch (RuntimeOperationException e) {
            LOG.warn("Pod {}: cannot create its sandbox: {}", key, e.getMessage());
            requeueAfter.accept(key, IMAGE_BACKOFF);
            return null;
        }
    }

    private Map<String, String> podLabels(Pod pod) {
        Map<String, String> labels = new HashMap<>(node.nodeSelector());
        labels.put(RuntimeLabels.POD_UID, pod.getMetadata().getUid());
        labels.put(RuntimeLabels.POD_NAME, pod.getMetadata().getName());
        labels.put(RuntimeLabels.POD_NAMESPACE, pod.getMetadata().getNamespace());
        return labels;
    }

    // --- termination --------------------------------------------------------------------------

    /** A deleted pod: preStop hooks, SIGTERM, SIGKILL at the deadline, sandbox removed, then the object deleted. */
    private void terminate(Pod pod, Map<String, String> selector, List<ContainerStatus> containers,
            List<PodSandboxStatus> sandboxes) {
        // As Kubernetes' kubelet: the grace period runs from when the kubelet starts stopping the pod (the
        // deletionTimestamp is whole seconds, so counting to it would cut the grace short by up to one).
        Instant deadline = Instant.now().plusSeconds(gracePeriod(pod));
        stopContainers(pod, running(attempts(containers)), deadline, null);
        for (PodSandboxStatus s : sandboxes) {
            runtime.stopPodSandbox(s.id());
            runtime.removePodSandbox(s.id());
        }
        runtime.listContainers(selector).forEach(c -> runtime.removeContainer(c.id())); // any left outside a sandbox
        deletePodDir(pod.getMetadata().getUid());
        crashBackOff.forget(pod.getMetadata().getUid() + "/");
        pullBackOff.forget(pod.getMetadata().getUid() + "/");
        deleteObject(pod);
    }

    /**
     * The final delete of a terminated pod: grace 0, on the condition that the object is still
     * this pod (its UID), so a new pod of the same name is never deleted by mistake.
     */
    private void deleteObject(Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        var http = node.client().getHttpClient();
        String url = node.client().getMasterUrl().toString().replaceAll("/+$", "") + "/api/v1/namespaces/" + ns
                + "/pods/" + name;
        String options = "{\"apiVersion\":\"v1\",\"kind\":\"DeleteOptions\",\"gracePeriodSeconds\":0,"
                + "\"preconditions\":{\"uid\":\"" + pod.getMetadata().getUid() + "\"}}";
        io.fabric8.kubernetes.client.http.HttpResponse<String> response;
        try {
            response = http.sendAsync(http.newHttpRequestBuilder().uri(url).delete("application/json", options).build(),
                    String.class).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new KubernetesClientException("cannot delete pod " + ns + "/" + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        switch (response.code()) {
            case 200, 202 -> LOG.info("Pod {}/{}: containers stopped, pod deleted", ns, name);
            case 404, 409 -> LOG.debug("Pod {}/{}: already gone or replaced by a new pod", ns, name);
            default -> throw new KubernetesClientException("deleting pod " + ns + "/" + name + " was answered "
                    + response.code() + ": " + response.body());
        }
    }

    /**
     * Stops containers in parallel, each running its preStop hook first, all by {@code deadline}.
     *
     * @param why why, for the Killing event ({@code null}: the pod is stopping)
     */
    private void stopContainers(Pod pod, List<ContainerStatus> containers, Instant deadline, String why) {
        Map<String, Container> specs = new HashMap<>();
        Stream.concat(list(pod.getSpec().getInitContainers()).stream(), list(pod.getSpec().getContainers()).stream())
                .forEach(c -> specs.put(c.getName(), c));
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (ContainerStatus c : containers) {
            node.events().normal(pod, c.name(), "Killing", why == null ? "Stopping container " + c.name()
                    : "Container " + c.name() + " " + why);
            stops.add(CompletableFuture.runAsync(() -> {
                Container spec = specs.get(c.name());
                if (spec != null && spec.getLifecycle() != null && spec.getLifecycle().getPreStop() != null) {
                    preStop(spec, c, spec.getLifecycle().getPreStop(), deadline);
                }
                Duration left = Duration.between(Instant.now(), deadline);
                runtime.stopContainer(c.id(), left.isNegative() ? Duration.ZERO : left);
            }, stoppers));
        }
        for (CompletableFuture<Void> stop : stops) {
            try {
                stop.join();
            } catch (RuntimeException e) {
                LOG.warn("Pod {}/{}: stopping a container failed: {}", pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName(), e.getMessage());
            }
        }
    }

    private void preStop(Container spec, ContainerStatus c, LifecycleHandler hook, Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            return;
        }
        if (hook.getExec() != null) {
            runtime.exec(c.id(), hook.getExec().getCommand(), left);
        } else if (hook.getHttpGet() != null) {
            var probe = new io.fabric8.kubernetes.api.model.ProbeBuilder().withHttpGet(hook.getHttpGet())
                    .withTimeoutSeconds((int) Math.max(1, left.toSeconds())).build();
            new Prober(runtime).probe(probe, spec, c.id(), sandboxIp(c.sandboxId()));
        } else if (hook.getSleep() != null && hook.getSleep().getSeconds() != null) {
            sleepUntil(Instant.now().plusSeconds(hook.getSleep().getSeconds()), deadline);
        }
    }

    private String sandboxIp(String sandboxId) {
        return runtime.podSandboxStatus(sandboxId).map(PodSandboxStatus::ip).orElse("127.0.0.1");
    }

    private static void sleepUntil(Instant until, Instant deadline) {
        Instant end = until.isBefore(deadline) ? until : deadline;
        long millis = Duration.between(Instant.now(), end).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis); // the preStop sleep hook: waiting is what the user asked for
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether a runtime object's labels say it belongs to the pod of {@code uid} ({@code null}: no pod). */
    private static boolean isOf(Map<String, String> labels, String uid) {
        return uid != null && uid.equals(labels.get(RuntimeLabels.POD_UID));
    }

    private void deletePodDir(String uid) {
        if (uid == null || uid.isEmpty()) {
            return;
        }
        Path dir = podDir(uid);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Cannot remove the volumes of pod {} at {}: {}", uid, dir, e.getMessage());
        }
    }

    Path podDir(String uid) {
        return node.podsDir().resolve(uid);
    }

    // --- helpers ------------------------------------------------------------------------------

    /** Runtime containers by container name, newest attempt first. */
    static Map<String, List<ContainerStatus>> attempts(List<ContainerStatus> containers) {
        Map<String, List<ContainerStatus>> byName = new HashMap<>();
        for (ContainerStatus c : containers) {
            String name = c.labels().get(RuntimeLabels.CONTAINER_NAME);
            if (name != null) {
                byName.computeIfAbsent(name, n -> new ArrayList<>()).add(c);
            }
        }
        Comparator<ContainerStatus> newestFirst = Comparator.comparingInt(PodStatusComputer::attempt)
                .thenComparing(c -> c.createdAt() == null ? Instant.EPOCH : c.createdAt()).reversed();
        byName.values().forEach(l -> l.sort(newestFirst));
        return byName;
    }

    /** Kubernetes keeps the last exited attempt of a container (for {@code previous} logs) and removes older ones. */
    private void removeOldAttempts(Map<String, List<ContainerStatus>> attempts) {
        for (List<ContainerStatus> list : attempts.values()) {
            for (ContainerStatus old : list.subList(Math.min(2, list.size()), list.size())) {
                if (old.state() != ContainerStatus.State.RUNNING) {
                    runtime.removeContainer(old.id());
                }
            }
        }
    }

    private static PodSandboxStatus readySandbox(List<PodSandboxStatus> sandboxes) {
        return sandboxes.stream().filter(s -> s.state() == PodSandboxStatus.State.READY)
                .max(Comparator.comparing(s -> s.createdAt() == null ? Instant.EPOCH : s.createdAt())).orElse(null);
    }

    private static List<ContainerStatus> running(Map<String, List<ContainerStatus>> attempts) {
        return attempts.values().stream().flatMap(List::stream)
                .filter(c -> c.state() == ContainerStatus.State.RUNNING).toList();
    }

    /** Every app container ran and its restart policy does not restart it: a finished pod needs no sandbox. */
    static boolean done(Pod pod, Map<String, List<ContainerStatus>> attempts) {
        String policy = restartPolicy(pod);
        List<Container> apps = list(pod.getSpec().getContainers());
        for (Container c : apps) {
            ContainerStatus latest = latest(attempts, c.getName());
            if (latest == null || latest.state() != ContainerStatus.State.EXITED || restarts(policy, latest.exitCode())) {
                return false;
            }
        }
        return !apps.isEmpty();
    }

    static boolean restarts(String restartPolicy, int exitCode) {
        return switch (restartPolicy) {
            case "Never" -> false;
            case "OnFailure" -> exitCode != 0;
            default -> true;
        };
    }

    static String restartPolicy(Pod pod) {
        return pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
    }

    private static ContainerStatus latest(Map<String, List<ContainerStatus>> attempts, String name) {
        List<ContainerStatus> list = attempts.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    static long gracePeriod(Pod pod) {
        Long deletion = pod.getMetadata().getDeletionGracePeriodSeconds();
        if (deletion != null) {
            return Math.max(0, deletion);
        }
        Long spec = pod.getSpec().getTerminationGracePeriodSeconds();
        return spec == null ? DEFAULT_GRACE_SECONDS : Math.max(0, spec);
    }

    private Optional<ConfigMap> configMap(String ns, String name) {
        return Optional.ofNullable(node.client().configMaps().inNamespace(ns).withName(name).get());
    }

    private Optional<Secret> secret(String ns, String name) {
        return Optional.ofNullable(node.client().secrets().inNamespace(ns).withName(name).get());
    }

    private List<Service> services(String ns) {
        List<Service> services = new ArrayList<>(node.client().services().inNamespace(ns).list().getItems());
        if (!ns.equals("default")) {
            Service kubernetes = node.client().services().inNamespace("default").withName("kubernetes").get();
            if (kubernetes != null) {
                services.add(kubernetes);
            }
        }
        return services;
    }

    static long bytes(Quantity q) {
        return q == null ? 0 : q.getNumericalAmount().longValue();
    }

    static long millis(Quantity q) {
        return q == null ? 0 : q.getNumericalAmount().multiply(BigDecimal.valueOf(1000)).longValue();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** The pod's hostname, as Kubernetes gives it: {@code spec.hostname}, else the pod's name. */
    static String hostname(Pod pod) {
        String hostname = pod.getSpec().getHostname();
        return hostname != null && !hostname.isEmpty() ? hostname : pod.getMetadata().getName();
    }
}

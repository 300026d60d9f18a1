package org.kybern.runtime.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kybern.api.runtime.ContainerConfig;
import org.kybern.api.runtime.ContainerRuntime;
import org.kybern.api.runtime.ContainerStats;
import org.kybern.api.runtime.ContainerStatus;
import org.kybern.api.runtime.ExecResult;
import org.kybern.api.runtime.ImageInfo;
import org.kybern.api.runtime.LogOptions;
import org.kybern.api.runtime.PodSandboxConfig;
import org.kybern.api.runtime.PodSandboxStatus;
import org.kybern.api.runtime.RegistryAuth;
import org.kybern.api.runtime.RuntimeLabels;
import org.kybern.api.runtime.RuntimeOperationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container runtime on dockerd. A pod sandbox is a small container on Docker's default bridge
 * holding the pod's network and IPC namespaces; the pod's containers join both, so they reach each
 * other on localhost. Everything created carries the kubelet's labels (see {@link RuntimeLabels}).
 */
// Immediate: the pool fills at start, and the service must not be deactivated when its last user lets go.
@Component(service = ContainerRuntime.class, immediate = true, property = ContainerRuntime.TYPE_PROPERTY + "=docker",
        configurationPid = "org.kybern.runtime.docker", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DockerRuntimeConfig.class)
public class DockerRuntime implements ContainerRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(DockerRuntime.class);
    private static final long CPU_PERIOD_MICROS = 100_000;
    private static final long MIN_CPU_SHARES = 2;
    /** A sandbox's own process (the pause shell) exits on SIGTERM; this is only a safety net. */
    private static final int SANDBOX_STOP_SECONDS = 2;
    private static final Duration OOM_FLAG_GRACE = Duration.ofSeconds(1);
    private static final Duration OOM_FLAG_POLL = Duration.ofMillis(50);

    private final String dockerHost;
    private final String sandboxImage;
    private final DockerClient docker;
    private final DockerCalls calls;
    private final DockerImages images;
    private final DockerStreams streams;
    private final ClaimedSandboxes claimed;
    private final String poolOwner = ProcessHandle.current().pid() + "@" + localHostName();
    private volatile SandboxPool pool;

    @Activate
    public DockerRuntime(DockerRuntimeConfig config) {
        this(config.dockerHost(), config.sandboxImage(), config.sandboxPoolSize());
    }

    /** For tests and the benchmark, which run it outside OSGi. */
    public DockerRuntime(String dockerHost, String sandboxImage, int sandboxPoolSize) {
        this.dockerHost = dockerHost;
        this.sandboxImage = sandboxImage;
        DefaultDockerClientConfig clientConfig = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).build();
        this.docker = DockerClientImpl.getInstance(clientConfig, new ZerodepDockerHttpClient.Builder()
                .dockerHost(clientConfig.getDockerHost()).maxConnections(100)
                .connectionTimeout(Duration.ofSeconds(5)).build());
        this.calls = new DockerCalls(dockerHost);
        this.images = new DockerImages(docker, calls);
        this.streams = new DockerStreams(docker, calls);
        this.claimed = new ClaimedSandboxes(docker, calls);
        try {
            LOG.info("Docker runtime on {} (dockerd {}), sandbox image {}", dockerHost, version(), sandboxImage);
            removeOrphanedPoolSandboxes();
        } catch (RuntimeOperationException e) {
            // Registered anyway: the kubelet reports the failures, and calls (and the pool) work once dockerd answers.
            LOG.warn("Docker runtime: {}", e.getMessage());
        }
        if (sandboxPoolSize > 0) {
            if (dockerHost.startsWith("unix://")) {
                pool = new SandboxPool(sandboxPoolSize, this::startPoolSandbox, this::removeContainerForcibly);
            } else {
                LOG.info("No sandbox pool: a claimed sandbox's files are rewritten on dockerd's host, and {} is remote",
                        dockerHost);
            }
        }
    }

    @Deactivate
    public void close() {
        SandboxPool current = pool;
        pool = null;
        if (current != null) {
            current.close();
        }
        try {
            docker.close();
        } catch (IOException e) {
            LOG.debug("Closing the Docker client: {}", e.getMessage());
        }
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public String version() {
        return calls.call("asking dockerd for its version", () -> docker.versionCmd().exec().getVersion());
    }

    // --- pod sandboxes ---------------------------------------------------------------------

    @Override
    public String runPodSandbox(PodSandboxConfig config) {
        Map<String, String> labels = new HashMap<>(config.labels());
        labels.put(DockerNames.SANDBOX_LABEL, "true");
        SandboxPool current = pool;
        if (current != null && config.ports().isEmpty()) {
            Optional<SandboxPool.Pooled> pooled = current.claim();
            if (pooled.isPresent()) {
                try {
                    claimed.claim(pooled.get(), config, labels);
                    return pooled.get().id();
                } catch (RuntimeException e) {
                    LOG.warn("Could not claim a pool sandbox, starting one for pod {}/{} instead: {}",
                            config.namespace(), config.name(), e.getMessage());
                    claimed.forget(pooled.get().id());
                    removeContainerForcibly(pooled.get().id());
                }
            }
        }
        return startSandbox(DockerNames.sandboxName(config), config, labels);
    }

    private String startSandbox(String name, PodSandboxConfig config, Map<String, String> labels) {
        String action = "starting the sandbox of pod " + config.namespace() + "/" + config.name();
        HostConfig hostConfig = HostConfig.newHostConfig().withNetworkMode("bridge").withIpcMode("shareable")
                .withDns(config.dnsServers()).withDnsSearch(config.dnsSearches())
                .withDnsOptions(config.dnsOptions());
        List<ExposedPort> exposed = new ArrayList<>();
        Ports bindings = new Ports();
        for (PodSandboxConfig.PortMapping port : config.ports()) {
            ExposedPort exposedPort = new ExposedPort(port.containerPort(), protocol(port.protocol()));
            exposed.add(exposedPort);
            bindings.bind(exposedPort, port.hostIp() == null ? Ports.Binding.bindPort(port.hostPort())
                    : Ports.Binding.bindIpAndPort(port.hostIp(), port.hostPort()));
        }
        hostConfig.withPortBindings(bindings);
        CreateContainerCmd create = docker.createContainerCmd(sandboxImage).withName(name).withLabels(labels)
                .withExposedPorts(exposed).withHostConfig(hostConfig);
        if (config.hostname() != null && !config.hostname().isBlank()) {
            create.withHostName(config.hostname());
        }
        String id = calls.call(action, () -> create.exec().getId());
        try {
            calls.run(action, () -> docker.startContainerCmd(id).exec());
        } catch (RuntimeOperationException e) {
            removeContainerForcibly(id);
            throw e;
        }
        return id;
    }

    private SandboxPool.Pooled startPoolSandbox() {
        String name = DockerNames.IDLE_POOL_PREFIX + Long.toHexString(System.nanoTime());
        String id = startSandbox(name, new PodSandboxConfig(name, "", "", 0, null, Map.of(), List.of(), List.of(),
                List.of()), Map.of(DockerNames.SANDBOX_LABEL, "true", DockerNames.POOL_OWNER_LABEL, poolOwner));
        InspectContainerResponse inspected = calls.call("inspecting pool sandbox " + id,
                () -> docker.inspectContainerCmd(id).exec());
        SandboxPool.Pooled pooled = new SandboxPool.Pooled(id, inspected.getConfig().getHostName(),
                inspected.getHostnamePath(), inspected.getHostsPath(), inspected.getResolvConfPath());
        if (!Files.isWritable(Path.of(pooled.hostsPath()))) {
            removeContainerForcibly(id);
            throw new RuntimeOperationException("this process cannot write dockerd's files (" + pooled.hostsPath()
                    + "); run as root or set sandboxPoolSize=0");
        }
        return pooled;
    }

    /** Idle pool sandboxes left behind by a runtime process that is gone (killed, not deactivated). */
    private void removeOrphanedPoolSandboxes() {
        String host = localHostName();
        for (Container container : calls.call("listing pool sandboxes", () -> docker.listContainersCmd()
                .withShowAll(true).withLabelFilter(List.of(DockerNames.POOL_OWNER_LABEL)).exec())) {
            String owner = container.getLabels().get(DockerNames.POOL_OWNER_LABEL);
            int at = owner.indexOf('@');
            boolean idle = DockerNames.bare(container.getNames()[0]).startsWith(DockerNames.IDLE_POOL_PREFIX);
            if (idle && at > 0 && owner.substring(at + 1).equals(host)
                    && ProcessHandle.of(Long.parseLong(owner.substring(0, at))).isEmpty()) {
                LOG.info("Removing idle pool sandbox {} of a runtime that is gone ({})", container.getId(), owner);
                removeContainerForcibly(container.getId());
            }
        }
    }

    @Override
    public void stopPodSandbox(String sandboxId) {
        for (Container container : containersOf(sandboxId)) {
            stopContainer(container.getId(), Duration.ZERO);
        }
        stopIgnoringStopped("stopping sandbox " + sandboxId, sandboxId, SANDBOX_STOP_SECONDS);
    }

    @Override
    public void removePodSandbox(String sandboxId) {
        for (Container container : containersOf(sandboxId)) {
            removeContainerForcibly(container.getId());
        }
        removeContainerForcibly(sandboxId);
        claimed.forget(sandboxId);
    }

    @Override
    public Optional<PodSandboxStatus> podSandboxStatus(String sandboxId) {
        return calls.find("inspecting sandbox " + sandboxId, () -> docker.inspectContainerCmd(sandboxId).exec())
                .filter(inspected -> isPodSandbox(inspected.getConfig().getLabels(), inspected.getName()))
                .map(inspected -> new PodSandboxStatus(inspected.getId(),
                        Boolean.TRUE.equals(inspected.getState().getRunning()) ? PodSandboxStatus.State.READY
                                : PodSandboxStatus.State.NOT_READY,
                        blankToNull(inspected.getNetworkSettings().getNetworks().values().stream()
                                .map(ContainerNetwork::getIpAddress).filter(ip -> ip != null && !ip.isEmpty())
                                .findFirst().orElse(null)),
                        ContainerStatuses.time(inspected.getCreated()),
                        sandboxLabels(inspected.getId(), inspected.getConfig().getLabels())));
    }

    @Override
    public List<PodSandboxStatus> listPodSandboxes(Map<String, String> labelSelector) {
        List<PodSandboxStatus> sandboxes = new ArrayList<>();
        for (Container container : calls.call("listing sandboxes", () -> docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(DockerNames.SANDBOX_LABEL)).exec())) {
            if (!isPodSandbox(container.getLabels(), container.getNames()[0])) {
                continue;
            }
            Map<String, String> labels = sandboxLabels(container.getId(), container.getLabels());
            if (labels.entrySet().containsAll(labelSelector.entrySet())) {
                String ip = container.getNetworkSettings() == null ? null
                        : container.getNetworkSettings().getNetworks().values().stream()
                                .map(ContainerNetwork::getIpAddress).filter(a -> a != null && !a.isEmpty())
                                .findFirst().orElse(null);
                sandboxes.add(new PodSandboxStatus(container.getId(),
                        "running".equals(container.getState()) ? PodSandboxStatus.State.READY
                                : PodSandboxStatus.State.NOT_READY,
                        ip, Instant.ofEpochSecond(container.getCreated()), labels));
            }
        }
        return sandboxes;
    }

    /** A sandbox of a pod: made for it, or claimed from the pool (an idle pool sandbox is no pod's). */
    private static boolean isPodSandbox(Map<String, String> labels, String name) {
        return labels != null && labels.containsKey(DockerNames.SANDBOX_LABEL)
                && !DockerNames.bare(name).startsWith(DockerNames.IDLE_POOL_PREFIX);
    }

    private Map<String, String> sandboxLabels(String id, Map<String, String> dockerLabels) {
        return dockerLabels.containsKey(DockerNames.POOL_OWNER_LABEL) ? claimed.labels(id) : dockerLabels;
    }

    private List<Container> containersOf(String sandboxId) {
        return calls.call("listing the containers of sandbox " + sandboxId, () -> docker.listContainersCmd()
                .withShowAll(true).withLabelFilter(Map.of(DockerNames.SANDBOX_ID_LABEL, sandboxId)).exec());
    }

    // --- containers ------------------------------------------------------------------------

    @Override
    public String createContainer(String sandboxId, ContainerConfig config) {
        Map<String, String> labels = new HashMap<>(config.labels());
        labels.put(DockerNames.SANDBOX_ID_LABEL, sandboxId);
        labels.putIfAbsent(RuntimeLabels.CONTAINER_NAME, config.name());
        HostConfig hostConfig = HostConfig.newHostConfig().withNetworkMode("container:" + sandboxId)
                .withIpcMode("container:" + sandboxId)
                .withBinds(config.mounts().stream().map(mount -> new Bind(mount.hostPath(),
                        new Volume(mount.containerPath()), mount.readOnly() ? AccessMode.ro : AccessMode.rw)).toList());
        if (config.memoryLimitBytes() > 0) {
            // Memory-swap equal to memory: no swap, so the limit is the limit (the kubelet's rule).
            hostConfig.withMemory(config.memoryLimitBytes()).withMemorySwap(config.memoryLimitBytes());
        }
        if (config.cpuLimitMillis() > 0) {
            hostConfig.withCpuPeriod(CPU_PERIOD_MICROS)
                    .withCpuQuota(Math.max(1000, config.cpuLimitMillis() * CPU_PERIOD_MICROS / 1000));
        }
        if (config.cpuRequestMillis() > 0) {
            hostConfig.withCpuShares((int) Math.max(MIN_CPU_SHARES, config.cpuRequestMillis() * 1024 / 1000));
        }
        CreateContainerCmd create = docker.createContainerCmd(config.image())
                .withName(DockerNames.containerName(config.name(), labels)).withLabels(labels)
                .withEnv(config.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withHostConfig(hostConfig);
        if (!config.command().isEmpty()) {
            create.withEntrypoint(config.command());
        }
        if (!config.args().isEmpty()) {
            create.withCmd(config.args());
        }
        if (config.workingDir() != null && !config.workingDir().isBlank()) {
            create.withWorkingDir(config.workingDir());
        }
        if (config.runAsUser() != null) {
            create.withUser(config.runAsUser().toString());
        }
        return calls.call("creating container " + config.name() + " of pod "
                + labels.getOrDefault(RuntimeLabels.POD_NAMESPACE, "?") + "/"
                + labels.getOrDefault(RuntimeLabels.POD_NAME, "?"), () -> create.exec().getId());
    }

    @Override
    public void startContainer(String containerId) {
        calls.run("starting container " + containerId, () -> {
            try {
                docker.startContainerCmd(containerId).exec();
            } catch (NotModifiedException alreadyRunning) {
                // Started before: nothing to do.
            }
        });
    }

    @Override
    public void stopContainer(String containerId, Duration timeout) {
        int seconds = (int) Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000);
        stopIgnoringStopped("stopping container " + containerId, containerId, seconds);
    }

    private void stopIgnoringStopped(String action, String containerId, int seconds) {
        calls.runIgnoringMissing(action, () -> {
            try {
                docker.stopContainerCmd(containerId).withTimeout(seconds).exec();
            } catch (NotModifiedException alreadyStopped) {
                // Stopped before: nothing to do.
            }
        });
    }

    @Override
    public void removeContainer(String containerId) {
        removeContainerForcibly(containerId);
    }

    private void removeContainerForcibly(String containerId) {
        calls.runIgnoringMissing("removing container " + containerId,
                () -> docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec());
    }

    @Override
    public Optional<ContainerStatus> containerStatus(String containerId) {
        return inspectApplicationContainer(containerId).map(inspected -> {
            // Docker learns of an OOM kill by an event of its own, which may come after the exit:
            // a memory-limited container just killed (137) gets a moment for the flag to arrive.
            InspectContainerResponse current = inspected;
            Instant deadline = Optional.ofNullable(ContainerStatuses.time(current.getState().getFinishedAt()))
                    .orElse(Instant.EPOCH).plus(OOM_FLAG_GRACE);
            while (mayBeUnflaggedOomKill(current) && Instant.now().isBefore(deadline)) {
                try {
                    Thread.sleep(OOM_FLAG_POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                Optional<InspectContainerResponse> again = inspectApplicationContainer(containerId);
                if (again.isEmpty()) {
                    break;
                }
                current = again.get();
            }
            return ContainerStatuses.of(current);
        });
    }

    private Optional<InspectContainerResponse> inspectApplicationContainer(String containerId) {
        return calls.find("inspecting container " + containerId, () -> docker.inspectContainerCmd(containerId).exec())
                .filter(inspected -> inspected.getConfig().getLabels() != null
                        && inspected.getConfig().getLabels().containsKey(DockerNames.SANDBOX_ID_LABEL));
    }

    private static boolean mayBeUnflaggedOomKill(InspectContainerResponse inspected) {
        Long memoryLimit = inspected.getHostConfig() == null ? null : inspected.getHostConfig().getMemory();
        return memoryLimit != null && memoryLimit > 0 && !Boolean.TRUE.equals(inspected.getState().getOOMKilled())
                && inspected.getState().getExitCodeLong() != null && inspected.getState().getExitCodeLong() == 137
                && ContainerStatuses.criState(inspected.getState().getStatus()) == ContainerStatus.State.EXITED;
    }

    @Override
    public List<ContainerStatus> listContainers(Map<String, String> labelSelector) {
        List<String> filter = new ArrayList<>(List.of(DockerNames.SANDBOX_ID_LABEL));
        labelSelector.forEach((key, value) -> filter.add(key + "=" + value));
        List<ContainerStatus> statuses = new ArrayList<>();
        for (Container container : calls.call("listing containers",
                () -> docker.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec())) {
            // Inspected one by one: only inspect tells exit code, OOM kill and times.
            containerStatus(container.getId()).ifPresent(statuses::add);
        }
        return statuses;
    }

    // --- images ----------------------------------------------------------------------------

    @Override
    public String pullImage(String image, RegistryAuth auth) {
        return images.pull(image, auth);
    }

    @Override
    public Optional<ImageInfo> imageStatus(String image) {
        return images.status(image);
    }

    @Override
    public List<ImageInfo> listImages() {
        return images.list();
    }

    @Override
    public void removeImage(String image) {
        images.remove(image);
    }

    @Override
    public List<String> importImage(Path tarball) throws IOException {
        return images.load(tarball);
    }

    // --- logs, exec, stats -----------------------------------------------------------------

    @Override
    public void logs(String containerId, LogOptions options, OutputStream out) throws IOException {
        streams.logs(containerId, options, out);
    }

    @Override
    public ExecResult exec(String containerId, List<String> command, Duration timeout) {
        return streams.exec(containerId, command, timeout);
    }

    @Override
    public Optional<ContainerStats> stats(String containerId) {
        boolean running = containerStatus(containerId)
                .map(status -> status.state() == ContainerStatus.State.RUNNING).orElse(false);
        return running ? streams.stats(containerId) : Optional.empty();
    }

    /** How many pool sandboxes wait to be claimed (for tests and the benchmark). */
    public int idlePoolSandboxes() {
        SandboxPool current = pool;
        return current == null ? 0 : current.idleCount();
    }

    private static InternetProtocol protocol(String protocol) {
        return protocol == null ? InternetProtocol.TCP : InternetProtocol.parse(protocol.toLowerCase());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String localHostName() {
        try {
            return Files.readString(Path.of("/etc/hostname")).trim();
        } catch (IOException e) {
            return "localhost";
        }
    }
}

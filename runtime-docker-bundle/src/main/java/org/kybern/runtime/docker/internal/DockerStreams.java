package org.kybern.runtime.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Statistics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.kybern.api.runtime.ContainerStats;
import org.kybern.api.runtime.ExecResult;
import org.kybern.api.runtime.LogOptions;
import org.kybern.api.runtime.RuntimeOperationException;

/** What streams out of a running container: its logs, a command run inside it, its resource usage. */
final class DockerStreams {

    private static final Duration STATS_TIMEOUT = Duration.ofSeconds(10);

    private final DockerClient docker;
    private final DockerCalls calls;

    DockerStreams(DockerClient docker, DockerCalls calls) {
        this.docker = docker;
        this.calls = calls;
    }

    void logs(String containerId, LogOptions options, OutputStream out) throws IOException {
        LogContainerCmd command = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                .withFollowStream(options.follow()).withTimestamps(options.timestamps());
        if (options.tailLines() >= 0) {
            command.withTail(options.tailLines());
        }
        if (options.since() != null) {
            command.withSince((int) options.since().getEpochSecond());
        }
        AtomicReference<IOException> writeFailure = new AtomicReference<>();
        QuietCallback<Frame> callback = new QuietCallback<>() {
            @Override
            public void onNext(Frame frame) {
                try {
                    out.write(frame.getPayload());
                    out.flush();
                } catch (IOException e) {
                    // The reader went away (e.g. kubectl logs -f interrupted): stop streaming.
                    writeFailure.set(e);
                    closeQuietly();
                }
            }
        };
        calls.run("reading the logs of container " + containerId, () -> command.exec(callback));
        try {
            callback.awaitCompletion();
        } catch (InterruptedException e) {
            callback.closeQuietly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the logs of container " + containerId);
        }
        if (writeFailure.get() != null) {
            throw writeFailure.get();
        }
        if (callback.error() != null) {
            throw calls.failure("reading the logs of container " + containerId, callback.error());
        }
    }

    ExecResult exec(String containerId, List<String> command, Duration timeout) {
        if (command.isEmpty()) {
            throw new RuntimeOperationException("exec in container " + containerId + ": the command is empty");
        }
        String action = "running " + command + " in container " + containerId;
        ExecCreateCmdResponse created = calls.call(action, () -> docker.execCreateCmd(containerId)
                .withCmd(command.toArray(String[]::new)).withAttachStdout(true).withAttachStderr(true).exec());
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        QuietCallback<Frame> callback = calls.call(action, () -> docker.execStartCmd(created.getId())
                .exec(new QuietCallback<>() {
                    @Override
                    public void onNext(Frame frame) {
                        (frame.getStreamType() == com.github.dockerjava.api.model.StreamType.STDERR ? stderr : stdout)
                                .writeBytes(frame.getPayload());
                    }
                }));
        boolean finished;
        try {
            finished = callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            // Docker cannot kill an exec'd process; we stop waiting for it, as the kubelet's probes do.
            callback.closeQuietly();
            return new ExecResult(-1, text(stdout), text(stderr), true);
        }
        if (callback.error() != null) {
            throw calls.failure(action, callback.error());
        }
        Long exitCode = calls.call(action, () -> docker.inspectExecCmd(created.getId()).exec().getExitCodeLong());
        return new ExecResult(exitCode == null ? -1 : exitCode.intValue(), text(stdout), text(stderr), false);
    }

    /** One sample from Docker's stats; memory is the working set (usage minus inactive file pages), as the kubelet reports. */
    Optional<ContainerStats> stats(String containerId) {
        String action = "reading the stats of container " + containerId;
        AtomicReference<Statistics> sample = new AtomicReference<>();
        QuietCallback<Statistics> callback = calls.call(action, () -> docker.statsCmd(containerId)
                .withNoStream(true).exec(new QuietCallback<>() {
                    @Override
                    public void onNext(Statistics statistics) {
                        sample.compareAndSet(null, statistics);
                    }
                }));
        try {
            callback.awaitCompletion(STATS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            callback.closeQuietly();
        }
        Statistics statistics = sample.get();
        if (statistics == null || statistics.getCpuStats() == null || statistics.getMemoryStats() == null
                || statistics.getMemoryStats().getUsage() == null) {
            return Optional.empty();
        }
        long usage = statistics.getMemoryStats().getUsage();
        var memory = statistics.getMemoryStats().getStats();
        long inactiveFile = memory == null ? 0 : firstNonNull(memory.getTotalInactiveFile(), memory.getInactiveFile());
        long cpu = statistics.getCpuStats().getCpuUsage() == null ? 0
                : firstNonNull(statistics.getCpuStats().getCpuUsage().getTotalUsage(), 0L);
        return Optional.of(new ContainerStats(Instant.now(), cpu, Math.max(0, usage - inactiveFile)));
    }

    private static long firstNonNull(Long first, Long second) {
        return first != null ? first : second == null ? 0 : second;
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

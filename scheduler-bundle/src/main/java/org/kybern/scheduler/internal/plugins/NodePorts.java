package org.kybern.scheduler.internal.plugins;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.FilterPlugin;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.PluginStatus;
import org.kybern.api.scheduler.PreFilterPlugin;
import org.kybern.api.scheduler.SchedulerPlugin;
import org.osgi.service.component.annotations.Component;
import org.kybern.client.Matching;

/**
 * Kubernetes' NodePorts: a pod's host ports must be free on the node. Two ports conflict when protocol and
 * port are equal and the host IPs are equal or either is the wildcard (empty or 0.0.0.0).
 */
@Component(property = {SchedulerPlugin.NAME_PROPERTY + "=NodePorts", SchedulerPlugin.PROFILE_PROPERTY + "=*"})
public final class NodePorts implements PreFilterPlugin, FilterPlugin {

    static final String REASON = "node(s) didn't have free ports for the requested pod ports";
    private static final String WANTED = "NodePorts/wanted";

    /** One host port. */
    record HostPort(String ip, String protocol, int port) {
        boolean conflicts(HostPort other) {
            return port == other.port && protocol.equals(other.protocol)
                    && (ip.equals(other.ip) || wildcard(ip) || wildcard(other.ip));
        }

        private static boolean wildcard(String ip) {
            return ip.isEmpty() || ip.equals("0.0.0.0");
        }
    }

    @Override
    public String name() {
        return "NodePorts";
    }

    @Override
    public PluginStatus preFilter(CycleState state, Pod pod) {
        state.write(WANTED, new Wanted(hostPorts(pod)));
        return PluginStatus.success();
    }

    private record Wanted(List<HostPort> ports) {
    }

    @Override
    public PluginStatus filter(CycleState state, Pod pod, NodeInfo node) {
        List<HostPort> wanted = state.read(WANTED, Wanted.class).map(Wanted::ports).orElseGet(() -> hostPorts(pod));
        if (wanted.isEmpty()) {
            return PluginStatus.success();
        }
        for (Pod other : node.pods()) {
            for (HostPort used : hostPorts(other)) {
                for (HostPort w : wanted) {
                    if (w.conflicts(used)) {
                        return PluginStatus.unschedulable(REASON);
                    }
                }
            }
        }
        return PluginStatus.success();
    }

    /**
     * The host ports a pod's containers ask for, and those of its sidecars (init containers with restartPolicy
     * Always): as Kubernetes' GetHostPorts, other init containers have finished before the pod runs.
     */
    static List<HostPort> hostPorts(Pod pod) {
        List<HostPort> ports = new ArrayList<>();
        var spec = pod.getSpec();
        List<Container> containers = new ArrayList<>(spec.getContainers() == null ? List.of() : spec.getContainers());
        if (spec.getInitContainers() != null) {
            spec.getInitContainers().stream().filter(c -> "Always".equals(c.getRestartPolicy())).forEach(containers::add);
        }
        for (Container c : containers) {
            if (c.getPorts() == null) {
                continue;
            }
            for (ContainerPort p : c.getPorts()) {
                if (p.getHostPort() != null && p.getHostPort() > 0) {
                    ports.add(new HostPort(Matching.nullToEmpty(p.getHostIP()),
                            p.getProtocol() == null || p.getProtocol().isEmpty() ? "TCP" : p.getProtocol(), p.getHostPort()));
                }
            }
        }
        return ports;
    }
}

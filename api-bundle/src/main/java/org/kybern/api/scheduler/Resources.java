package org.kybern.api.scheduler;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * An amount of node resources as the scheduler counts them: CPU in millicores, memory and ephemeral
 * storage in bytes, a number of pods, and extended resources (e.g. {@code nvidia.com/gpu}) as whole units.
 *
 * @param milliCpu         CPU in millicores
 * @param memory           memory in bytes
 * @param ephemeralStorage ephemeral storage in bytes
 * @param pods             a number of pods
 * @param extended         other resources by name, whole units; never null
 */
public record Resources(long milliCpu, long memory, long ephemeralStorage, long pods, Map<String, Long> extended) {

    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String EPHEMERAL_STORAGE = "ephemeral-storage";
    public static final String PODS = "pods";
    public static final Resources NONE = new Resources(0, 0, 0, 0, Map.of());

    public Resources {
        extended = Map.copyOf(extended);
    }

    /**
     * What a pod requests, Kubernetes' rule (PodRequests): its containers and sidecars (init containers with
     * restartPolicy Always) summed; or, if more, what runs while an init container runs (it and the sidecars
     * started before it), per resource; plus the pod overhead; and one pod.
     */
    public static Resources requestedBy(Pod pod) {
        Accumulator sum = podRequests(pod, requests -> requests);
        sum.pods = 1;
        return sum.toResources();
    }

    /**
     * What a pod counts for when nodes are scored, Kubernetes' non-zero rule: a container that requests no
     * cpu counts {@value #DEFAULT_MILLI_CPU}m, one that requests no memory {@value #DEFAULT_MEMORY} bytes, so
     * that pods without requests still spread. Only cpu and memory; init-container and overhead rules as
     * {@link #requestedBy}.
     */
    public static Resources requestedForScoring(Pod pod) {
        Accumulator sum = podRequests(pod, Resources::nonZero);
        return new Resources(sum.milliCpu, sum.memory, 0, 1, Map.of());
    }

    private static Accumulator podRequests(Pod pod, UnaryOperator<Map<String, Quantity>> each) {
        Accumulator sum = new Accumulator();
        var spec = pod.getSpec();
        if (spec == null) {
            return sum;
        }
        if (spec.getContainers() != null) {
            for (Container c : spec.getContainers()) {
                sum.add(each.apply(requests(c)), 1);
            }
        }
        if (spec.getInitContainers() != null) {
            Accumulator sidecars = new Accumulator();
            Accumulator initMax = new Accumulator();
            for (Container c : spec.getInitContainers()) {
                Map<String, Quantity> requests = each.apply(requests(c));
                Accumulator running = new Accumulator();
                running.max(sidecars);
                running.add(requests, 1);
                if ("Always".equals(c.getRestartPolicy())) {
                    sum.add(requests, 1);
                    sidecars.add(requests, 1);
                }
                initMax.max(running);
            }
            sum.max(initMax);
        }
        if (spec.getOverhead() != null) {
            sum.add(spec.getOverhead(), 1);
        }
        return sum;
    }

    /** Kubernetes' DefaultMilliCPURequest. */
    public static final long DEFAULT_MILLI_CPU = 100;
    /** Kubernetes' DefaultMemoryRequest, 200 MiB. */
    public static final long DEFAULT_MEMORY = 200L << 20;

    private static Map<String, Quantity> nonZero(Map<String, Quantity> requests) {
        Map<String, Quantity> filled = new TreeMap<>(requests);
        filled.putIfAbsent(CPU, new Quantity(DEFAULT_MILLI_CPU + "m"));
        filled.putIfAbsent(MEMORY, new Quantity(String.valueOf(DEFAULT_MEMORY)));
        return filled;
    }

    /** What a node offers to pods: {@code status.allocatable}, or {@code status.capacity} when that is absent. */
    public static Resources allocatableOf(Node node) {
        var status = node.getStatus();
        if (status == null) {
            return NONE;
        }
        Map<String, Quantity> offered = status.getAllocatable() != null && !status.getAllocatable().isEmpty()
                ? status.getAllocatable() : status.getCapacity();
        Accumulator sum = new Accumulator();
        if (offered != null) {
            sum.add(offered, 1);
        }
        return sum.toResources();
    }

    /** This plus (sign 1) or minus (sign -1) {@code other}. */
    public Resources plus(Resources other, int sign) {
        Map<String, Long> ext = new TreeMap<>(extended);
        other.extended.forEach((k, v) -> ext.merge(k, sign * v, Long::sum));
        ext.values().removeIf(v -> v == 0);
        return new Resources(milliCpu + sign * other.milliCpu, memory + sign * other.memory,
                ephemeralStorage + sign * other.ephemeralStorage, pods + sign * other.pods, ext);
    }

    /** The amount of one resource by its Kubernetes name; 0 when absent. CPU in millicores. */
    public long get(String resource) {
        return switch (resource) {
            case CPU -> milliCpu;
            case MEMORY -> memory;
            case EPHEMERAL_STORAGE -> ephemeralStorage;
            case PODS -> pods;
            default -> extended.getOrDefault(resource, 0L);
        };
    }

    private static Map<String, Quantity> requests(Container c) {
        if (c.getResources() == null) {
            return Map.of();
        }
        Map<String, Quantity> requests = c.getResources().getRequests();
        // As Kubernetes' defaulting: a container with limits but no requests requests its limits.
        if ((requests == null || requests.isEmpty()) && c.getResources().getLimits() != null) {
            return c.getResources().getLimits();
        }
        return requests == null ? Map.of() : requests;
    }

    /** Whole units of a quantity; CPU in millicores (rounded up, as Kubernetes' MilliValue). */
    static long amount(String resource, Quantity q) {
        BigDecimal value = q.getNumericalAmount();
        if (CPU.equals(resource)) {
            value = value.movePointRight(3);
        }
        return value.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }

    private static final class Accumulator {
        long milliCpu;
        long memory;
        long ephemeralStorage;
        long pods;
        final Map<String, Long> extended = new TreeMap<>();

        void add(Map<String, Quantity> amounts, int sign) {
            amounts.forEach((name, q) -> set(name, value(name) + sign * amount(name, q)));
        }

        void max(Accumulator other) {
            milliCpu = Math.max(milliCpu, other.milliCpu);
            memory = Math.max(memory, other.memory);
            ephemeralStorage = Math.max(ephemeralStorage, other.ephemeralStorage);
            pods = Math.max(pods, other.pods);
            other.extended.forEach((name, v) -> extended.merge(name, v, Math::max));
        }

        long value(String name) {
            return switch (name) {
                case CPU -> milliCpu;
                case MEMORY -> memory;
                case EPHEMERAL_STORAGE -> ephemeralStorage;
                case PODS -> pods;
                default -> extended.getOrDefault(name, 0L);
            };
        }

        void set(String name, long value) {
            switch (name) {
                case CPU -> milliCpu = value;
                case MEMORY -> memory = value;
                case EPHEMERAL_STORAGE -> ephemeralStorage = value;
                case PODS -> pods = value;
                default -> extended.put(name, value);
            }
        }

        Resources toResources() {
            return new Resources(milliCpu, memory, ephemeralStorage, pods, extended);
        }
    }
}

package org.kybern.api.runtime;

import java.time.Instant;

/**
 * Resource usage of a container at one instant.
 *
 * @param timestamp        when measured
 * @param cpuUsageNanos    cumulative CPU time used
 * @param memoryUsageBytes memory in use
 */
public record ContainerStats(Instant timestamp, long cpuUsageNanos, long memoryUsageBytes) {
}

package org.kybern.scheduler.internal;

import java.util.Map;

/** What the running scheduler shows of itself (to the console command {@code kybern:scheduler}). */
public interface SchedulerView {

    /** This scheduler's name in the Lease. */
    String identity();

    /** "leading", "standing by", "connecting" or "stopped". */
    String state();

    /** Pods waiting for a node while it leads; 0 otherwise. */
    int pending();

    /** The profiles by name, resolved from the plugins installed now. */
    Map<String, Profile> profiles();
}

package org.kybern.api.scheduler;

/**
 * A plugin's verdict, as the framework's Status.
 *
 * @param code   the outcome
 * @param reason why, in the words shown in the pod's FailedScheduling event (empty on success)
 */
public record PluginStatus(Code code, String reason) {

    private static final PluginStatus SUCCESS = new PluginStatus(Code.SUCCESS, "");

    /** The outcomes of the scheduling framework. */
    public enum Code {
        /** Go on. */
        SUCCESS,
        /** This node (or this pod, for PreFilter) does not fit now; may fit after preemption or change. */
        UNSCHEDULABLE,
        /** Does not fit and preemption would not help. */
        UNSCHEDULABLE_AND_UNRESOLVABLE,
        /** The plugin failed; the pod is retried. */
        ERROR
    }

    public static PluginStatus success() {
        return SUCCESS;
    }

    public static PluginStatus unschedulable(String reason) {
        return new PluginStatus(Code.UNSCHEDULABLE, reason);
    }

    public static PluginStatus error(String reason) {
        return new PluginStatus(Code.ERROR, reason);
    }

    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }
}

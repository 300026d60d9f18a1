package org.kybern.api.scheduler;

import java.util.List;

/**
 * A plugin's verdict, as the framework's Status.
 *
 * @param code    the outcome
 * @param reasons why, in the words counted in the pod's FailedScheduling event ("Insufficient cpu",
 *                "node(s) didn't match Pod's node affinity/selector"); empty on success
 */
public record PluginStatus(Code code, List<String> reasons) {

    private static final PluginStatus SUCCESS = new PluginStatus(Code.SUCCESS, List.of());
    private static final PluginStatus SKIP = new PluginStatus(Code.SKIP, List.of());

    /** The outcomes of the scheduling framework. */
    public enum Code {
        /** Go on. */
        SUCCESS,
        /** This node (or this pod, for PreFilter) does not fit now; may fit after the cluster changes. */
        UNSCHEDULABLE,
        /** Does not fit and preemption would not help. */
        UNSCHEDULABLE_AND_UNRESOLVABLE,
        /** The plugin failed; the pod is retried. */
        ERROR,
        /**
         * From PreFilter: the plugin's Filter has nothing to check for this pod and is not run for it.
         * From PreScore: the plugin's Score is not run for this pod. Never from Filter or Score.
         */
        SKIP
    }

    public PluginStatus {
        reasons = List.copyOf(reasons);
    }

    public static PluginStatus success() {
        return SUCCESS;
    }

    /** {@link Code#SKIP}: from PreFilter or PreScore, this plugin sits out the rest of the pod's cycle. */
    public static PluginStatus skip() {
        return SKIP;
    }

    public static PluginStatus unschedulable(String... reasons) {
        return new PluginStatus(Code.UNSCHEDULABLE, List.of(reasons));
    }

    public static PluginStatus unresolvable(String... reasons) {
        return new PluginStatus(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, List.of(reasons));
    }

    public static PluginStatus error(String reason) {
        return new PluginStatus(Code.ERROR, List.of(reason));
    }

    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }

    /** The reasons in one line. */
    public String reason() {
        return String.join(", ", reasons);
    }
}

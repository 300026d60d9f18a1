package org.kybern.api.scheduler;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Common to every scheduler plugin. A plugin is registered as a service of one or more of the
 * extension-point interfaces, with service properties {@value #NAME_PROPERTY} (its name) and
 * {@value #PROFILE_PROPERTY} (the profiles it belongs to; a pod picks a profile through
 * {@code spec.schedulerName}).
 */
@ConsumerType
public interface SchedulerPlugin {

    /** Service property: the plugin's name, e.g. {@code NodeResourcesFit}. */
    String NAME_PROPERTY = "kybern.scheduler.plugin";

    /** Service property: the profile names the plugin serves, e.g. {@code default-scheduler}. */
    String PROFILE_PROPERTY = "kybern.scheduler.profile";

    /** The profile Kubernetes pods get when they name no scheduler. */
    String DEFAULT_PROFILE = "default-scheduler";

    /** The plugin's name, as in {@value #NAME_PROPERTY}. */
    String name();
}

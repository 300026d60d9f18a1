/**
 * Scheduler plugins after Kubernetes' scheduling framework: each extension point is a small
 * interface, each plugin a service carrying {@link org.kybern.api.scheduler.SchedulerPlugin#NAME_PROPERTY}
 * and {@link org.kybern.api.scheduler.SchedulerPlugin#PROFILE_PROPERTY}.
 */
@Export
@Version("1.3.0")
package org.kybern.api.scheduler;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

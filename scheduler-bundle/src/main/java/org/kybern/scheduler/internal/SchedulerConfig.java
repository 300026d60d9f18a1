package org.kybern.scheduler.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Kybern scheduler",
        description = "Places pods on nodes through the scheduler plugins. Profiles beyond the plugins' own are "
                + "keys profile.<name> = modifiers: -Plugin leaves a plugin out, +Plugin requires one that is not in "
                + "every profile (the profile waits for it), Plugin=N sets a score plugin's weight. Example: "
                + "profile.bin-packing = -NodeResourcesLeastAllocated, +NodeResourcesMostAllocated")
public @interface SchedulerConfig {

    @AttributeDefinition(name = "Leader election",
            description = "Take the Lease kube-system/kube-scheduler before scheduling, so that of several schedulers "
                    + "only one binds. Off: this one schedules at once.")
    boolean leaderElect() default true;

    @AttributeDefinition(name = "Identity",
            description = "This scheduler's name in the Lease. Empty: host name and a random suffix.")
    String identity() default "";

    @AttributeDefinition(name = "Lease duration (s)",
            description = "How long a standby waits after the leader's last renewal before it takes over.")
    int leaseDurationSeconds() default 15;

    @AttributeDefinition(name = "Renew deadline (s)",
            description = "How long the leader keeps trying to renew before it stops scheduling.")
    int renewDeadlineSeconds() default 10;

    @AttributeDefinition(name = "Retry period (s)",
            description = "How often the Lease is renewed or tried.")
    int retryPeriodSeconds() default 2;

    @AttributeDefinition(name = "Binds in flight",
            description = "How many bindings may be on their way to the API server at once; the next pod is "
                    + "scheduled while earlier ones bind.")
    int bindsInFlight() default 64;

    @AttributeDefinition(name = "User",
            description = "Whose token the scheduler talks to the API server with.")
    String user() default "system:kube-scheduler";
}

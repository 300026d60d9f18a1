package org.kybern.controller.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Kybern controller manager",
        description = "Runs the controllers (ReplicaSet, Deployment, node lifecycle, endpoints, garbage collector, "
                + "namespace, service account) while it holds the Lease kube-system/kube-controller-manager.")
public @interface ControllerManagerConfig {

    @AttributeDefinition(name = "Leader election",
            description = "Take the Lease kube-system/kube-controller-manager before running the controllers, so that "
                    + "of several controller managers only one acts. Off: this one acts at once.")
    boolean leaderElect() default true;

    @AttributeDefinition(name = "Identity",
            description = "This controller manager's name in the Lease. Empty: host name and a random suffix.")
    String identity() default "";

    @AttributeDefinition(name = "Lease duration (s)",
            description = "How long a standby waits after the leader's last renewal before it takes over.")
    int leaseDurationSeconds() default 15;

    @AttributeDefinition(name = "Renew deadline (s)",
            description = "How long the leader keeps trying to renew before it stops acting.")
    int renewDeadlineSeconds() default 10;

    @AttributeDefinition(name = "Retry period (s)", description = "How often the Lease is renewed or tried.")
    int retryPeriodSeconds() default 2;

    @AttributeDefinition(name = "User", description = "Whose token the controllers talk to the API server with.")
    String user() default "system:kube-controller-manager";
}

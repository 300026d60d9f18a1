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

    @AttributeDefinition(name = "Node monitor grace period (s)",
            description = "How long a node may go without renewing its Lease in kube-node-lease (or posting its status) "
                    + "before the node lifecycle controller marks it Ready=Unknown and taints it unreachable.")
    int nodeMonitorGracePeriodSeconds() default 40;

    @AttributeDefinition(name = "Default toleration (s)",
            description = "How long a pod stays on a not-ready or unreachable node when it has no toleration of its own "
                    + "for that taint (Kubernetes' DefaultTolerationSeconds admission adds 300 s).")
    int defaultTolerationSeconds() default 300;

    @AttributeDefinition(name = "Node eviction rate (nodes/s)",
            description = "How many nodes per second may be tainted NoExecute (which evicts their pods); one at once.")
    double nodeEvictionRate() default 0.1;

    @AttributeDefinition(name = "User", description = "Whose token the controllers talk to the API server with.")
    String user() default "system:kube-controller-manager";
}

package org.kybern.apiserver.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Kybern API server", description = "The Kubernetes API server of Kybern.")
public @interface ApiServerConfig {

    @AttributeDefinition(name = "Store",
            description = "The store the API serves from: embedded or etcd. Changing it while the cluster runs "
                    + "copies every object to the new store during a short write pause; watches end with 410 Gone.")
    String store() default "embedded";

    @AttributeDefinition(name = "Service cluster IP range",
            description = "The IPv4 range (CIDR, /12 to /30) services get their cluster IP from, as Kubernetes' "
                    + "--service-cluster-ip-range. Its first address is kept for the kubernetes service.")
    String serviceClusterIpRange() default "10.96.0.0/12";

    @AttributeDefinition(name = "Service node port range",
            description = "The ports NodePort and LoadBalancer services get their node ports from, as Kubernetes' "
                    + "--service-node-port-range.")
    String serviceNodePortRange() default "30000-32767";

    @AttributeDefinition(name = "Writes in flight",
            description = "How many writes (create, update, patch, delete) the API server works on at once; more "
                    + "wait their turn in arrival order, and get 429 TooManyRequests after 60 s. About twice the "
                    + "processors keeps them busy while writes wait for the disk.")
    int writesInFlight() default 4;
}

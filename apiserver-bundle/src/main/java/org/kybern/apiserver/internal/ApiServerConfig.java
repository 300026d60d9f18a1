package org.kybern.apiserver.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Kybern API server", description = "The Kubernetes API server of Kybern.")
public @interface ApiServerConfig {

    @AttributeDefinition(name = "Store",
            description = "The store the API serves from: embedded or etcd. Changing it while the cluster runs "
                    + "copies every object to the new store during a short write pause; watches end with 410 Gone.")
    String store() default "embedded";
}

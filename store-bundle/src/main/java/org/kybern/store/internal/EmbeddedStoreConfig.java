package org.kybern.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Kybern embedded store",
        description = "The default store of the Kybern API server.")
public @interface EmbeddedStoreConfig {

    @AttributeDefinition(name = "Watch history",
            description = "How many recent revisions are kept for watches and reads at a past revision; "
                    + "older ones are compacted automatically.", min = "1")
    int watchHistory() default 100_000;
}

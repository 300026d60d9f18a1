package org.kybern.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Kybern embedded store",
        description = "The default store of the Kybern API server: durable, on local disk.")
public @interface EmbeddedStoreConfig {

    @AttributeDefinition(name = "Data directory",
            description = "Where the store keeps its log and snapshots; empty means data/kybern/store "
                    + "under the Karaf data directory.")
    String dataDirectory() default "";

    @AttributeDefinition(name = "Watch history",
            description = "How many recent revisions are kept for watches and reads at a past revision; "
                    + "older ones are compacted automatically.", min = "1")
    int watchHistory() default 100_000;

    @AttributeDefinition(name = "Log segment size (MiB)",
            description = "When the current log segment grows past this, the store writes a snapshot "
                    + "and starts a new segment, so the log does not grow without bound.", min = "1")
    int segmentMebibytes() default 64;
}

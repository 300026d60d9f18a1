package org.kybern.proxy.userspace.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration (PID {@code org.kybern.proxy.userspace}) of the userspace proxy backend. */
@ObjectClassDefinition(name = "Kybern userspace proxy backend",
        description = "Relays Service traffic in Java: ClusterIPs become local addresses of a device, and a "
                + "listener per service port (and NodePort) forwards each connection to one ready endpoint.")
public @interface UserspaceConfig {

    @AttributeDefinition(name = "Device",
            description = "The device ClusterIPs are added to as /32 local addresses.")
    String device() default "lo";

    @AttributeDefinition(name = "ip command", description = "Path (or name on the PATH) of iproute2's ip.")
    String ipCommand() default "ip";

    @AttributeDefinition(name = "Drain seconds",
            description = "How long open connections may go on after the backend is cleaned up.")
    int drainSeconds() default 5;

    @AttributeDefinition(name = "UDP idle seconds",
            description = "A UDP client's session to its endpoint ends after this long without a datagram.")
    int udpIdleSeconds() default 30;

    @AttributeDefinition(name = "Connect timeout seconds",
            description = "How long a connection to one endpoint may take before the next endpoint is tried.")
    int connectTimeoutSeconds() default 5;

    @AttributeDefinition(name = "Buffer KiB",
            description = "The relay's buffer each direction of a connection starts with; a full buffer stops reading.")
    int bufferKiB() default 64;

    @AttributeDefinition(name = "Bulk buffer KiB",
            description = "The buffer a direction moves to when a read fills its first one (a bulk transfer); "
                    + "not larger than Buffer KiB: none.")
    int bulkBufferKiB() default 1024;

    @AttributeDefinition(name = "Bulk buffers",
            description = "How many bulk buffers may be in use at once (their direct memory: this times Bulk buffer KiB).")
    int bulkBuffers() default 32;
}

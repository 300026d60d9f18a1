package org.kybern.proxy.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The service proxy's configuration, PID {@code org.kybern.proxy} (etc/org.kybern.proxy.cfg). */
@ObjectClassDefinition(name = "Kybern service proxy",
        description = "Watches Services and EndpointSlices and programs every service port with its ready endpoints "
                + "through one proxy backend.")
public @interface ProxyConfig {

    @AttributeDefinition(name = "Mode",
            description = "The backend: auto (nftables when a usable nftables backend is registered, else userspace), "
                    + "nftables or userspace (any backend's kybern.proxy.mode). Changing it switches backends live: "
                    + "the new one is synced before the old one is cleaned up.")
    String mode() default ProxyMode.AUTO;

    @AttributeDefinition(name = "Node name",
            description = "The Node whose InternalIP addresses NodePorts answer on. Empty: this machine's host name, "
                    + "lower case (the kubelet's default node name).")
    String nodeName() default "";

    @AttributeDefinition(name = "Resync seconds",
            description = "A full sync of the backend at least this often, even without changes (heals rules "
                    + "something else removed).")
    int resyncSeconds() default 30;
}

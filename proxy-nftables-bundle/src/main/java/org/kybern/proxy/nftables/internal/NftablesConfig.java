package org.kybern.proxy.nftables.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the nftables proxy backend (PID {@code org.kybern.proxy.nftables}). */
@ObjectClassDefinition(name = "Kybern proxy: nftables backend",
        description = "Programs Services as kernel DNAT rules in one nftables table, replaced atomically by "
                + "`nft -f -` on every sync.")
public @interface NftablesConfig {

    @AttributeDefinition(name = "Table",
            description = "The `ip` family nftables table the backend owns: each sync replaces it whole, "
                    + "clean-up deletes it. Two backends on one host need different tables.")
    String table() default "kybern";

    @AttributeDefinition(name = "nft command",
            description = "The nft executable: a name looked up on PATH or an absolute path "
                    + "(Debian: apt-get install nftables).")
    String nft() default "nft";

    @AttributeDefinition(name = "conntrack command",
            description = "conntrack-tools' conntrack: a name looked up on PATH or an absolute path (Debian: "
                    + "apt-get install conntrack). Used to end stale UDP flows to ClusterIPs: begun before this backend "
                    + "took a ClusterIP over (under the userspace backend), or translated to an endpoint since removed.")
    String conntrack() default "conntrack";

    @AttributeDefinition(name = "Hairpin bridge",
            description = "The pods' bridge: each sync turns on hairpin mode on its ports, so that a pod reaches "
                    + "itself through its own Service. Empty: leave the bridge alone.")
    String hairpinBridge() default "docker0";

    @AttributeDefinition(name = "Timeout (seconds)",
            description = "How long one nft run may take before it is killed and the sync fails.")
    int timeoutSeconds() default 60;
}

package org.kybern.proxy.nftables.internal;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.kybern.api.proxy.ProxyBackend;
import org.kybern.api.proxy.ProxyException;
import org.kybern.api.proxy.ProxyState;
import org.kybern.api.proxy.ServicePort;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code nftables} proxy backend: every sync replaces this backend's nftables table whole, in one
 * {@code nft -f -} transaction, with DNAT rules for the state's ClusterIPs and NodePorts. Stopping the
 * component deletes the table.
 */
@Component(service = ProxyBackend.class, configurationPid = NftablesBackend.PID,
        property = ProxyBackend.MODE + "=" + NftablesBackend.MODE_NAME)
@Designate(ocd = NftablesConfig.class)
public final class NftablesBackend implements ProxyBackend {

    static final String PID = "org.kybern.proxy.nftables";
    static final String MODE_NAME = "nftables";
    private static final Logger LOG = LoggerFactory.getLogger(NftablesBackend.class);

    private final NftRenderer renderer;
    private final NftCommand nft;
    private final KernelSettings kernel;
    private final String hairpinBridge;
    private final StaleUdpFlows staleUdpFlows;
    private volatile Map<String, String> described = Map.of();

    @Activate
    public NftablesBackend(NftablesConfig config) {
        this(config.table(), new NftCommand(config.nft(), Duration.ofSeconds(config.timeoutSeconds())),
                new KernelSettings(), config.hairpinBridge(),
                new ConntrackCommand(config.conntrack(), Duration.ofSeconds(config.timeoutSeconds())));
    }

    NftablesBackend(String table, NftCommand nft, KernelSettings kernel, String hairpinBridge,
            ConntrackCommand conntrack) {
        this.renderer = new NftRenderer(table);
        this.nft = nft;
        this.kernel = kernel;
        this.hairpinBridge = hairpinBridge;
        this.staleUdpFlows = new StaleUdpFlows(conntrack);
    }

    @Override
    public String unusableReason() {
        return nft.unusableReason();
    }

    @Override
    public synchronized void sync(ProxyState state) throws ProxyException {
        String script = renderer.render(state, rememberedAffinity(state));
        kernel.routeLocalnetFor(state.nodeAddresses());
        kernel.hairpin(hairpinBridge);
        nft.apply(script);
        staleUdpFlows.afterSync(state);
        described = state.servicePorts().stream().collect(Collectors.toUnmodifiableMap(ServicePort::key,
                port -> port.endpoints().isEmpty() ? "rejected: no endpoints"
                        : port.endpoints().size() + " endpoints, chain " + NftNames.serviceChain(port),
                (first, second) -> first));
        LOG.debug("Programmed table ip {} with {} service ports", renderer.table(), state.servicePorts().size());
    }

    /** The clients the programmed table's affinity sets remember; none if no port asks for affinity. */
    private Map<String, String> rememberedAffinity(ProxyState state) {
        if (state.servicePorts().stream().noneMatch(ServicePort::clientIpAffinity)) {
            return Map.of();
        }
        try {
            return AffinityMemory.parse(nft.query("list", "table", "ip", renderer.table()));
        } catch (ProxyException e) {
            return Map.of(); // no table yet
        }
    }

    @Override
    public synchronized void cleanUp() {
        described = Map.of();
        staleUdpFlows.reset();
        try {
            nft.apply(renderer.deleteScript());
        } catch (ProxyException e) {
            LOG.warn("Cannot delete table ip {}: {}", renderer.table(), e.getMessage());
        }
    }

    /** For each programmed service port: its chain in the table, or that it is rejected. */
    @Override
    public Map<String, String> describe() {
        return described;
    }

    @Deactivate
    void deactivate() {
        cleanUp();
    }
}

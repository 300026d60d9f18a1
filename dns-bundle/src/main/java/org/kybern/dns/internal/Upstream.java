package org.kybern.dns.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * The servers names outside the cluster domain are forwarded to (dnsjava resolvers over UDP, falling
 * back to TCP when an answer is truncated), tried in turn within one timeout.
 */
final class Upstream {

    private static final Logger LOG = LoggerFactory.getLogger(Upstream.class);

    private final Resolver resolver;

    Upstream(List<InetSocketAddress> servers, Duration timeout) {
        if (servers.isEmpty()) {
            this.resolver = null;
            return;
        }
        List<Resolver> resolvers = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            SimpleResolver simple = new SimpleResolver(server);
            simple.setTimeout(timeout);
            resolvers.add(simple);
        }
        ExtendedResolver extended = new ExtendedResolver(resolvers);
        extended.setTimeout(timeout);
        extended.setRetries(1);
        this.resolver = extended;
    }

    /** The upstream answer to {@code query}; empty when there is no upstream or none answered in time. */
    Optional<Message> ask(Message query) {
        if (resolver == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(resolver.send(query));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Upstream failed for {}: {}", query.getQuestion(), e.toString());
            return Optional.empty();
        }
    }
}

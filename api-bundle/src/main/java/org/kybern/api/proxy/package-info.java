/**
 * The service proxy SPI. The proxy core (proxy-bundle) watches Services and EndpointSlices and turns
 * them into a {@link org.kybern.api.proxy.ProxyState}: every proxied service port with its ready
 * endpoints. The one active {@link org.kybern.api.proxy.ProxyBackend} (kernel nftables rules or a
 * userspace relay) makes that state true on this node.
 */
@Export
@Version("1.0.0")
package org.kybern.api.proxy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

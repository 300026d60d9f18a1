/**
 * How Kybern's components reach the Kubernetes API: {@link org.kybern.client.ClusterClients}, an
 * OSGi service handing out fabric8 {@code KubernetesClient}s configured for this cluster (address,
 * CA, the user's token). Components never build clients themselves.
 */
@Export
@Version("1.1.0")
package org.kybern.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

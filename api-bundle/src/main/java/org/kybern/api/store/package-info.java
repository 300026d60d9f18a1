/**
 * The store SPI: a revisioned key/value store with etcd v3 semantics, so the embedded store and
 * etcd are interchangeable behind the API server.
 *
 * <p>Only the API server uses this package; every other component is a client of the Kubernetes API.
 */
@Export
@Version("1.1.0")
package org.kybern.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * The container runtime SPI, modeled on Kubernetes' CRI so the kubelet is runtime-agnostic:
 * pod sandboxes (which own a pod's network namespace and IP), containers, images, logs, exec
 * and stats.
 */
@Export
@Version("1.1.0")
package org.kybern.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

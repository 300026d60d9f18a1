package org.kybern.client;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election through a Lease, as client-go's: the leader renews it every retry period; a standby
 * takes it over once it has seen no renewal for the lease duration (measured on its own clock, so
 * clocks need not agree); a leader that cannot renew within the renew deadline stops leading. A
 * leader that stops releases the Lease so a standby need not wait. Writes are compare-and-swap on the
 * Lease's resourceVersion, so two candidates never both win. Driven by {@link #tick} from one thread.
 */
final class Leadership {

    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    /** Told when this instance starts and stops leading; called from the ticking thread. */
    interface Listener {
        void startedLeading();

        void stoppedLeading();
    }

    record Timing(Duration leaseDuration, Duration renewDeadline) {
    }

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String identity;
    private final Timing timing;
    private final Listener listener;
    private final LongSupplier nanos;
    private LeaseSpec observed;
    private long observedAt;
    private long lastRenewal;
    private boolean leading;

    Leadership(KubernetesClient client, String namespace, String name, String identity, Timing timing, Listener listener,
            LongSupplier nanos) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.identity = identity;
        this.timing = timing;
        this.listener = listener;
        this.nanos = nanos;
    }

    /** One round: acquire or renew; start or stop leading accordingly. */
    void tick() {
        boolean held;
        try {
            held = tryAcquireOrRenew();
        } catch (KubernetesClientException | IllegalStateException e) {
            LOG.debug("Lease {}/{}: {}", namespace, name, e.getMessage());
            held = false;
        }
        long now = nanos.getAsLong();
        if (held) {
            lastRenewal = now;
            if (!leading) {
                leading = true;
                LOG.info("{} leads (Lease {}/{})", identity, namespace, name);
                listener.startedLeading();
            }
        } else if (leading && now - lastRenewal > timing.renewDeadline().toNanos()) {
            leading = false;
            LOG.warn("{} could not renew Lease {}/{} for {} s: it stops leading", identity, namespace, name,
                    timing.renewDeadline().toSeconds());
            listener.stoppedLeading();
        }
    }

    boolean leading() {
        return leading;
    }

    /** Stops leading and gives the Lease up so that a standby takes over at once. */
    void release() {
        if (!leading) {
            return;
        }
        leading = false;
        listener.stoppedLeading();
        try {
            Lease lease = leases().withName(name).get();
            if (lease != null && identity.equals(lease.getSpec().getHolderIdentity())) {
                lease.getSpec().setHolderIdentity(null);
                lease.getSpec().setLeaseDurationSeconds(1);
                lease.getSpec().setRenewTime(now());
                leases().resource(lease).update();
            }
        } catch (KubernetesClientException | IllegalStateException e) {
            LOG.info("{} could not release Lease {}/{} ({}); a standby takes over when it expires", identity,
                    namespace, name, e.getMessage());
        }
    }

    private boolean tryAcquireOrRenew() {
        Lease lease = leases().withName(name).get();
        long now = nanos.getAsLong();
        if (lease == null) {
            leases().resource(new LeaseBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                    .withNewSpec().withHolderIdentity(identity)
                    .withLeaseDurationSeconds((int) timing.leaseDuration().toSeconds()).withAcquireTime(now())
                    .withRenewTime(now()).withLeaseTransitions(0).endSpec().build()).create();
            observe(lease, now);
            return true;
        }
        LeaseSpec spec = lease.getSpec();
        if (!Objects.equals(spec, observed)) {
            observe(lease, now);
        }
        String holder = spec.getHolderIdentity();
        boolean mine = identity.equals(holder);
        long duration = Duration.ofSeconds(spec.getLeaseDurationSeconds() == null ? timing.leaseDuration().toSeconds()
                : spec.getLeaseDurationSeconds()).toNanos();
        if (!mine && holder != null && !holder.isEmpty() && now - observedAt < duration) {
            return false;
        }
        if (!mine) {
            spec.setAcquireTime(now());
            spec.setLeaseTransitions(spec.getLeaseTransitions() == null ? 1 : spec.getLeaseTransitions() + 1);
        }
        spec.setHolderIdentity(identity);
        spec.setLeaseDurationSeconds((int) timing.leaseDuration().toSeconds());
        spec.setRenewTime(now());
        Lease written = leases().resource(lease).update();
        observe(written, now);
        return true;
    }

    private void observe(Lease lease, long now) {
        observed = lease == null ? null : lease.getSpec();
        observedAt = now;
    }

    private NonNamespaceOperation<Lease, KubernetesResourceList<Lease>, Resource<Lease>> leases() {
        return client.resources(Lease.class).inNamespace(namespace);
    }

    private static ZonedDateTime now() {
        return ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}

package org.kybern.dns.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Services and EndpointSlices of every namespace, kept by fabric8 informers and indexed for the
 * DNS: Services by {@code namespace/name} and ClusterIP, slices by the Service they are labelled for
 * and by endpoint address. It is the
 * {@link ClusterView} the server answers from once both informers have listed.
 */
final class ClusterCache implements ClusterView, AutoCloseable {

    private static final String BY_SERVICE = "service";
    private static final String BY_IP = "ip";

    private final SharedIndexInformer<Service> services;
    private final SharedIndexInformer<EndpointSlice> slices;

    /** Informers (not yet started) of {@code client}; {@code changed} hears of every add, update and delete. */
    ClusterCache(KubernetesClient client, Consumer<HasMetadata> changed) {
        this.services = client.services().inAnyNamespace().runnableInformer(0);
        this.slices = client.discovery().v1().endpointSlices().inAnyNamespace().runnableInformer(0);
        slices.addIndexers(Map.of(BY_SERVICE, slice -> {
            Map<String, String> labels = slice.getMetadata().getLabels();
            String service = labels == null ? null : labels.get(KubeDnsService.SERVICE_NAME_LABEL);
            return service == null ? List.of() : List.of(slice.getMetadata().getNamespace() + "/" + service);
        }));
        services.addIndexers(Map.of(BY_IP, service -> service.getSpec() == null
                || service.getSpec().getClusterIP() == null ? List.of() : List.of(service.getSpec().getClusterIP())));
        slices.addIndexers(Map.of(BY_IP, slice -> slice.getEndpoints() == null ? List.of()
                : slice.getEndpoints().stream().filter(e -> e.getAddresses() != null)
                        .flatMap(e -> e.getAddresses().stream()).distinct().toList()));
        services.addEventHandler(handler(changed));
        slices.addEventHandler(handler(changed));
    }

    /** Starts both informers and waits until they have listed, at most {@code timeout}. */
    void start(Duration timeout) throws Exception {
        CompletableFuture.allOf(services.start().toCompletableFuture(), slices.start().toCompletableFuture())
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether both informers have listed: only then are missing names truly missing. */
    boolean synced() {
        return services.hasSynced() && slices.hasSynced();
    }

    @Override
    public Service service(String namespace, String name) {
        return services.getIndexer().getByKey(namespace + "/" + name);
    }

    @Override
    public List<EndpointSlice> slices(String namespace, String service) {
        return slices.getIndexer().byIndex(BY_SERVICE, namespace + "/" + service);
    }

    @Override
    public boolean hasServices(String namespace) {
        return !services.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace).isEmpty();
    }

    @Override
    public List<Service> servicesWithClusterIp(String ip) {
        return services.getIndexer().byIndex(BY_IP, ip);
    }

    @Override
    public List<EndpointSlice> slicesWithAddress(String ip) {
        return slices.getIndexer().byIndex(BY_IP, ip);
    }

    @Override
    public void close() {
        services.stop();
        slices.stop();
    }

    private static <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<HasMetadata> changed) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                changed.accept(object);
            }

            @Override
            public void onUpdate(T old, T object) {
                changed.accept(object);
            }

            @Override
            public void onDelete(T object, boolean unknownFinalState) {
                changed.accept(object);
            }
        };
    }
}

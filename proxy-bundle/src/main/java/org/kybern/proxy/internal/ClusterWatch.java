package org.kybern.proxy.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.kybern.api.proxy.ProxyState;

/**
 * The proxy's view of the cluster: informers over every namespace's Services and EndpointSlices
 * and over this node's Node object, each change reported to one callback.
 */
final class ClusterWatch {

    private final SharedIndexInformer<Service> services;
    private final SharedIndexInformer<EndpointSlice> slices;
    private final SharedIndexInformer<Node> node;
    private final Runnable onChange;

    ClusterWatch(KubernetesClient client, String nodeName, Runnable onChange) {
        this.onChange = onChange;
        this.services = watch(client.resources(Service.class).inAnyNamespace().runnableInformer(0));
        this.slices = watch(client.resources(EndpointSlice.class).inAnyNamespace().runnableInformer(0));
        this.node = watch(client.nodes().withField("metadata.name", nodeName).runnableInformer(0));
    }

    /** Starts the informers and waits until each has listed its objects. */
    void start(Duration timeout) throws Exception {
        CompletableFuture.allOf(services.start().toCompletableFuture(), slices.start().toCompletableFuture(),
                node.start().toCompletableFuture()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() {
        services.stop();
        slices.stop();
        node.stop();
    }

    /** The desired state from the caches now. */
    ProxyState state() {
        List<Node> nodes = node.getStore().list();
        return ProxyStates.compute(services.getStore().list(), slices.getStore().list(),
                ProxyStates.internalIPs(nodes.isEmpty() ? null : nodes.get(0)));
    }

    private <T extends HasMetadata> SharedIndexInformer<T> watch(SharedIndexInformer<T> informer) {
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T object) {
                onChange.run();
            }

            @Override
            public void onUpdate(T old, T object) {
                onChange.run();
            }

            @Override
            public void onDelete(T object, boolean unknownFinalState) {
                onChange.run();
            }
        });
        return informer;
    }
}

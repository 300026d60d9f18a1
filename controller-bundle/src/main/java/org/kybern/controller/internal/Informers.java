package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller manager's informers, one per resource type and shared by every controller that
 * watches it, as client-go's shared informer factory: controllers ask for a type and add handlers
 * before {@link #start}; afterwards they read the caches.
 */
final class Informers {

    private static final Logger LOG = LoggerFactory.getLogger(Informers.class);

    private final KubernetesClient client;
    private final Map<Class<?>, SharedIndexInformer<?>> informers = new LinkedHashMap<>();
    private final Map<Class<?>, Handlers<?>> handlers = new HashMap<>();

    Informers(KubernetesClient client) {
        this.client = client;
    }

    /** The informer of {@code type} over all namespaces (made on first ask, not yet started). */
    @SuppressWarnings("unchecked")
    synchronized <T extends HasMetadata> SharedIndexInformer<T> of(Class<T> type) {
        return (SharedIndexInformer<T>) informers.computeIfAbsent(type,
                t -> client.resources(type).inAnyNamespace().runnableInformer(0));
    }

    /**
     * Adds a handler of {@code type}'s events. Every controller's handlers of one type are called in turn
     * from one handler of the informer, so an event costs one hand-off to the informer's threads, not one
     * per controller (fabric8 runs each handler it is given on its own serial executor). Handlers only
     * note what changed (a key into a work queue) and return.
     */
    @SuppressWarnings("unchecked")
    synchronized <T extends HasMetadata> void addHandler(Class<T> type, ResourceEventHandler<T> handler) {
        Handlers<T> all = (Handlers<T>) handlers.get(type);
        if (all == null) {
            all = new Handlers<>(type);
            handlers.put(type, all);
            of(type).addEventHandler(all);
        }
        all.list.add(handler);
    }

    /** Calls {@code enqueue} with the object on every add, update and delete of {@code type}. */
    <T extends HasMetadata> void onChange(Class<T> type, Consumer<T> enqueue) {
        addHandler(type, new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T object) {
                enqueue.accept(object);
            }

            @Override
            public void onUpdate(T old, T object) {
                enqueue.accept(object);
            }

            @Override
            public void onDelete(T object, boolean unknownFinalState) {
                enqueue.accept(object);
            }
        });
    }

    /** Starts every informer and waits until each has listed its objects. */
    void start(Duration timeout) throws Exception {
        List<CompletableFuture<Void>> synced = new ArrayList<>();
        for (SharedIndexInformer<?> informer : snapshot()) {
            synced.add(informer.start().toCompletableFuture());
        }
        CompletableFuture.allOf(synced.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() {
        snapshot().forEach(SharedIndexInformer::stop);
    }

    private synchronized List<SharedIndexInformer<?>> snapshot() {
        return new ArrayList<>(informers.values());
    }

    /** The cached object with this key ({@code namespace/name}, or {@code name} when cluster-scoped), or null. */
    <T extends HasMetadata> T get(Class<T> type, String key) {
        return of(type).getIndexer().getByKey(key);
    }

    /** The cached objects of {@code type} in {@code namespace}. */
    <T extends HasMetadata> List<T> inNamespace(Class<T> type, String namespace) {
        return of(type).getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
    }

    /** Every cached object of {@code type}. */
    <T extends HasMetadata> List<T> all(Class<T> type) {
        return of(type).getIndexer().list();
    }

    static String key(HasMetadata object) {
        return Cache.metaNamespaceKeyFunc(object);
    }

    /** The one handler the informer of a type has: the controllers' handlers of that type, in the order added. */
    static final class Handlers<T> implements ResourceEventHandler<T> {
        private final Class<T> type;
        final List<ResourceEventHandler<T>> list = new CopyOnWriteArrayList<>();

        Handlers(Class<T> type) {
            this.type = type;
        }

        @Override
        public void onAdd(T object) {
            list.forEach(h -> run(() -> h.onAdd(object)));
        }

        @Override
        public void onUpdate(T old, T object) {
            list.forEach(h -> run(() -> h.onUpdate(old, object)));
        }

        @Override
        public void onDelete(T object, boolean unknownFinalState) {
            list.forEach(h -> run(() -> h.onDelete(object, unknownFinalState)));
        }

        @Override
        public void onNothing() {
            list.forEach(h -> run(h::onNothing));
        }

        /** One failing handler does not keep the event from the others. */
        private void run(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                LOG.error("A handler of {} events failed", type.getSimpleName(), e);
            }
        }
    }
}

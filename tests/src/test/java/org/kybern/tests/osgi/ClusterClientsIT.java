package org.kybern.tests.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.kybern.client.ClusterClients;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The ClusterClients service inside the real distribution: its clients reach the API server of
 * the same Karaf (on the random port this test gives Felix HTTP, with no client configuration),
 * and stopping the client bundle closes them and leaves no thread behind.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ClusterClientsIT extends KarafTestSupport {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Configuration
    public Option[] config() {
        return options(KarafOptions.karaf(DistributionIT.distribution(), "Kybern"));
    }

    @Test
    public void theAdminClientListsAndCreatesNamespacesOnThisKarafsApiServer() throws Exception {
        Kybern kybern = new Kybern(context);
        Kybern.await(DEADLINE, kybern::ready, kybern::readiness);
        ClusterClients clients = clusterClients();
        KubernetesClient admin = clients.forUser(ClusterClients.ADMIN);
        assertSame("one client per user", admin, clients.forUser(ClusterClients.ADMIN));
        assertEquals(kybern.endpoint().replaceAll("/$", ""), admin.getMasterUrl().toString().replaceAll("/$", ""));

        String name = "client-it-namespaces";
        try {
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                    .addToLabels("made-by", "ClusterClientsIT").endMetadata().build()).create();
            Set<String> names = admin.namespaces().list().getItems().stream()
                    .map(ns -> ns.getMetadata().getName()).collect(Collectors.toSet());
            assertTrue("listed: " + names, names.contains(name));
            assertTrue("listed: " + names, names.contains("default"));
            Namespace read = admin.namespaces().withLabel("made-by", "ClusterClientsIT").list().getItems().get(0);
            assertEquals(name, read.getMetadata().getName());
            assertEquals("Active", read.getStatus().getPhase());
        } finally {
            admin.namespaces().withName(name).delete();
        }
        admin.namespaces().withName(name).waitUntilCondition(ns -> ns == null, 30, TimeUnit.SECONDS);
    }

    @Test
    public void aClientNeedsAUserName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> clusterClients().forUser(" "));
        assertEquals("a user name is required", e.getMessage());
    }

    @Test
    public void stoppingTheClientBundleClosesItsClientsAndLeavesNoThreadBehind() throws Exception {
        Kybern kybern = new Kybern(context);
        Kybern.await(DEADLINE, kybern::ready, kybern::readiness);
        Bundle clientBundle = kybern.bundle("org.kybern.client");
        // Start from a fresh service, so every thread its clients run is new from here on.
        clientBundle.stop();
        clientBundle.start();
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        ClusterClients clients = clusterClients();
        KubernetesClient client = clients.forUser(ClusterClients.CONTROLLER_MANAGER);
        String name = "client-it-threads";
        CountDownLatch added = new CountDownLatch(1);
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("default")
                .withField("metadata.name", name).inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(ConfigMap cm) {
                        added.countDown();
                    }

                    @Override
                    public void onUpdate(ConfigMap oldCm, ConfigMap newCm) {
                    }

                    @Override
                    public void onDelete(ConfigMap cm, boolean deletedFinalStateUnknown) {
                    }
                });
        try {
            client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
                    .withName(name).endMetadata().withData(Map.of("k", "v")).build()).create();
            assertTrue("the informer saw the config map", added.await(30, TimeUnit.SECONDS));
            assertTrue("the informer is watching", informer.isWatching());
        } finally {
            client.configMaps().inNamespace("default").withName(name).delete();
        }
        Set<Thread> started = newThreads(before);
        assertFalse("the client runs threads of its own", started.isEmpty());

        clientBundle.stop();
        try {
            assertTrue("closed with the bundle", client.getHttpClient().isClosed());
            assertFalse("the informer stopped", informer.isRunning());
            // The JDK's HTTP client ends its selector thread once the client is unreachable.
            client = null;
            informer = null;
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            for (int round = 0; started.stream().anyMatch(Thread::isAlive); round++) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("threads left " + DEADLINE.toSeconds() + " s after the client bundle stopped: "
                            + started.stream().filter(Thread::isAlive).map(Thread::getName).toList());
                }
                if (round % 10 == 0) {
                    System.gc();
                }
                Thread.sleep(200);
            }
        } finally {
            clientBundle.start();
        }
    }

    /** Threads started since {@code before}, less those of the server side and the JVM (Jetty, store, RMI, common pool). */
    private static Set<Thread> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .filter(t -> !t.getName().startsWith("qtp") && !t.getName().startsWith("ForkJoinPool.commonPool")
                        && !t.getName().startsWith("kybern-store") && !t.getName().startsWith("RMI "))
                .collect(Collectors.toSet());
    }

    /** The current ClusterClients service (a bundle restart replaces it), waiting for it to appear. */
    private ClusterClients clusterClients() throws InterruptedException {
        ServiceTracker<ClusterClients, ClusterClients> tracker = new ServiceTracker<>(context, ClusterClients.class, null);
        tracker.open();
        try {
            ClusterClients service = tracker.waitForService(DEADLINE.toMillis());
            if (service == null) {
                throw new AssertionError("no ClusterClients service within " + DEADLINE.toSeconds() + " s");
            }
            return service;
        } finally {
            tracker.close();
        }
    }
}

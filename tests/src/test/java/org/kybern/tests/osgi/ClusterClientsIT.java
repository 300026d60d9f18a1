package org.kybern.tests.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.ObjectName;
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
 * the same Karaf (in process, with no client configuration; its URL names the random port this test
 * gives Felix HTTP), which authenticates them there as on its port, and stopping the client bundle
 * closes them and leaves no thread behind.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ClusterClientsIT extends KarafTestSupport {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String DUMPS = "kybern.it.dumps";

    @Configuration
    public Option[] config() {
        // For the failure report: what keeps a JDK HTTP client's selector thread running, and where
        // to leave a heap dump (Pax Exam deletes the Karaf it ran in).
        return options(KarafOptions.karaf(DistributionIT.distribution(), "Kybern"),
                vmOptions("--add-opens", "java.net.http/jdk.internal.net.http=ALL-UNNAMED"),
                systemProperty(DUMPS).value(Path.of("target").toAbsolutePath().toString()));
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
    public void inProcessTheApiServerStillAuthenticatesEveryRequest() throws Exception {
        Kybern kybern = new Kybern(context);
        Kybern.await(DEADLINE, kybern::ready, kybern::readiness);
        Path tokens = kybern.kybernData().resolve("tokens.csv");
        List<String> original = Files.readAllLines(tokens);
        String user = "client-it-revoked-" + UUID.randomUUID();
        List<String> withUser = new ArrayList<>(original);
        withUser.add("client-it-" + UUID.randomUUID() + "," + user + "," + user);
        Files.write(tokens, withUser);
        try {
            KubernetesClient client = clusterClients().forUser(user);
            // The token counts within a second of the file's change.
            Kybern.await(DEADLINE, () -> status(client) == 200, () -> "the new user's requests: " + status(client));
            Files.write(tokens, original);
            Kybern.await(DEADLINE, () -> status(client) == 401,
                    () -> "requests with a token taken out of the file: " + status(client));
        } finally {
            Files.write(tokens, original);
        }
    }

    /** The status of listing namespaces with {@code client}: 200, or the API server's error code. */
    private static int status(KubernetesClient client) {
        try {
            client.namespaces().list();
            return 200;
        } catch (KubernetesClientException e) {
            return e.getCode();
        }
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
        // Start from a fresh service, so every thread its clients and their users (the scheduler,
        // the controller manager, the kubelet) run is new from here on.
        clientBundle.stop();
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        clientBundle.start();

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
                    throw new AssertionError("threads left " + DEADLINE.toSeconds() + " s after the client bundle stopped:\n"
                            + started.stream().filter(Thread::isAlive).map(ClusterClientsIT::describe)
                                    .collect(Collectors.joining("\n")) + "\n" + heapDump());
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

    /**
     * A thread left running, for the failure report. A JDK HTTP client's selector thread runs while
     * its client is reachable or has requests not yet answered: say which.
     */
    private static String describe(Thread thread) {
        StringBuilder s = new StringBuilder(thread.getName());
        if (thread.getClass().getName().equals("jdk.internal.net.http.HttpClientImpl$SelectorManager")) {
            try {
                Object client = field(thread, "owner");
                s.append(": its client is ").append(((Reference<?>) field(client, "facadeRef")).get() == null
                        ? "unreachable" : "still reachable");
                for (String count : List.of("pendingOperationCount", "pendingHttpRequestCount", "pendingWebSocketCount")) {
                    s.append(", ").append(count).append(' ').append(field(client, count));
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                s.append(": ").append(e);
            }
        } else {
            for (StackTraceElement frame : thread.getStackTrace()) {
                s.append("\n    at ").append(frame);
            }
        }
        return s.toString();
    }

    private static Object field(Object of, String name) throws ReflectiveOperationException {
        Field field = of.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(of);
    }

    /**
     * A heap dump of this Karaf in the tests' target directory, to find what still holds a client. A
     * fabric8 client made from another ({@code getHttpClient().newBuilder().build()}, as fabric8's
     * watches are) shares its JDK client and keeps it reachable after the first is closed.
     */
    private static String heapDump() {
        Path dump = Path.of(System.getProperty(DUMPS), "ClusterClientsIT-" + System.currentTimeMillis() + ".hprof");
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=HotSpotDiagnostic"),
                    "dumpHeap", new Object[] {dump.toString(), true}, new String[] {"java.lang.String", "boolean"});
            return "heap dump (live objects): " + dump;
        } catch (JMException | RuntimeException e) {
            return "no heap dump: " + e;
        }
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

package org.kybern.tests.osgi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.kybern.api.store.CompactedException;
import org.kybern.api.store.KeyValue;
import org.kybern.api.store.RangeResult;
import org.kybern.api.store.Store;
import org.kybern.api.store.StoreException;
import org.kybern.api.store.WatchEvent;
import org.kybern.api.store.WatchListener;
import org.kybern.tests.etcd.EtcdCluster;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The live store swap: 1 000 objects, then embedded → etcd with the console command while a
 * writer keeps writing (its writes wait, none fails), every object read back from etcd with
 * etcdctl; then etcd → embedded through the configuration, and every object still there. The
 * etcd serves clients over mutual TLS only, so the etcd store's TLS options are used for real.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StoreSwitchIT extends KarafTestSupport {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private SessionFactory sessionFactory;

    private EtcdCluster etcd;

    @Configuration
    public Option[] config() {
        return options(KarafOptions.karaf(DistributionIT.distribution(), "Kybern"));
    }

    @Before
    public void startEtcdAndConfigureTheEtcdStore() throws Exception {
        etcd = EtcdCluster.startWithTls(1);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("endpoints", etcd.endpoints().toArray(String[]::new));
        props.put("caFile", etcd.tls().caCert().toString());
        props.put("certFile", etcd.tls().clientCert().toString());
        props.put("keyFile", etcd.tls().clientKey().toString());
        configurationAdmin.getConfiguration("org.kybern.store.etcd", "?").update(props);
        Kybern.await(DEADLINE, () -> store("etcd") != null, () -> "the etcd store is offered once configured");
    }

    @After
    public void stopEtcd() throws Exception {
        console("kybern:store-switch embedded");
        var config = configurationAdmin.getConfiguration("org.kybern.store.etcd", "?");
        config.delete();
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    public void switchingToEtcdAndBackLosesNoObjectAndFailsNoWrite() throws Exception {
        Store active = store("active");
        assertTrue(console("kybern:store"), console("kybern:store").contains("active:    embedded"));
        for (int i = 0; i < 1000; i++) {
            active.create(String.format("/registry/configmaps/default/cm-%04d", i), ("data " + i).getBytes(UTF_8));
        }
        LinkedBlockingQueue<StoreException> watchEnded = new LinkedBlockingQueue<>();
        active.watch("/registry/", 0, new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
            }

            @Override
            public void onClose(StoreException cause) {
                watchEnded.add(cause);
            }
        });

        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            for (int i = 0; writing.get() && i < 1_000_000; i++) {
                String key = "/registry/configmaps/live/obj-" + i;
                try {
                    active.create(key, key.getBytes(UTF_8));
                    acknowledged.add(key);
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                }
            }
        }, "store-switch-writer");
        writer.start();
        String report;
        try {
            Kybern.await(DEADLINE, () -> acknowledged.size() >= 200, () -> "the writer is writing");
            report = console("kybern:store-switch etcd");
            int atSwitch = acknowledged.size();
            Kybern.await(DEADLINE, () -> acknowledged.size() >= atSwitch + 200, () -> "writes go on after the switch");
        } finally {
            writing.set(false);
            writer.join(TimeUnit.SECONDS.toMillis(60));
        }
        System.out.println("StoreSwitchIT: " + report.trim() + " (" + acknowledged.size() + " live writes acknowledged)");
        assertTrue(report, report.contains("switched the store from embedded to etcd") && report.contains("objects copied"));
        assertEquals("writes wait during the switch, none fails", 0, failed.get());
        StoreException cause = watchEnded.poll(30, TimeUnit.SECONDS);
        assertTrue("open watches end so clients re-list: " + cause, cause instanceof CompactedException);

        Set<String> expected = new TreeSet<>(acknowledged);
        for (int i = 0; i < 1000; i++) {
            expected.add(String.format("/registry/configmaps/default/cm-%04d", i));
        }
        Set<String> inEtcd = new TreeSet<>(etcdctlKeys("/registry/configmaps/"));
        assertTrue("every object is in etcd: missing " + missing(expected, inEtcd), inEtcd.containsAll(expected));
        assertEquals("data 7", new String(etcdctlValue("/registry/configmaps/default/cm-0007"), UTF_8));

        Hashtable<String, Object> back = new Hashtable<>();
        back.put("store", "embedded");
        configurationAdmin.getConfiguration("org.kybern.apiserver", "?").update(back);
        Kybern.await(DEADLINE, () -> console("kybern:store").contains("active:    embedded"),
                () -> "the configuration switches back: " + console("kybern:store"));
        Set<String> inEmbedded = new TreeSet<>();
        RangeResult page = active.range("/registry/configmaps/", 500, null, 0);
        while (true) {
            page.items().stream().map(KeyValue::key).forEach(inEmbedded::add);
            if (!page.more()) {
                break;
            }
            page = active.range("/registry/configmaps/", 500, page.lastKey(), page.revision());
        }
        assertTrue("every object is back in the embedded store: missing " + missing(expected, inEmbedded),
                inEmbedded.containsAll(expected));
    }

    private Store store(String name) {
        try {
            var refs = context.getServiceReferences(Store.class, "(kybern.store=" + name + ")");
            return refs.isEmpty() ? null : context.getService(refs.iterator().next());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String console(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, UTF_8);
        try (Session session = sessionFactory.create(System.in, print, print)) {
            Object result = session.execute(command);
            if (result != null) {
                print.println(result);
            }
        } catch (Exception e) {
            print.println("ERROR: " + e.getMessage());
        }
        return out.toString(UTF_8);
    }

    private List<String> etcdctlKeys(String prefix) throws Exception {
        String output = new String(etcdctl("get", "--prefix", prefix, "--keys-only"), UTF_8);
        List<String> keys = new ArrayList<>();
        output.lines().filter(l -> !l.isBlank()).forEach(keys::add);
        return keys;
    }

    private byte[] etcdctlValue(String key) throws Exception {
        return etcdctl("get", key, "--print-value-only").clone();
    }

    private byte[] etcdctl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/etcdctl", "--endpoints", String.join(",", etcd.endpoints()),
                "--cacert", etcd.tls().caCert().toString(), "--cert", etcd.tls().clientCert().toString(),
                "--key", etcd.tls().clientKey().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("ETCDCTL_API", "3");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue("etcdctl finished", p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("etcdctl " + String.join(" ", args) + ": " + new String(out, UTF_8), 0, p.exitValue());
        String text = new String(out, UTF_8);
        return (text.endsWith("\n") ? text.substring(0, text.length() - 1) : text).getBytes(UTF_8);
    }

    private static List<String> missing(Set<String> expected, Set<String> actual) {
        List<String> missing = new ArrayList<>();
        for (String k : expected) {
            if (!actual.contains(k) && missing.size() < 10) {
                missing.add(k);
            }
        }
        return missing;
    }
}

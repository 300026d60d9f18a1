package org.kybern.tests.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.time.Duration;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The hot-swap contract from day one: any Kybern bundle can be stopped and started again while
 * the rest runs, and the cluster comes back healthy.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BundleRestartIT extends KarafTestSupport {

    private static final Duration DEADLINE = Duration.ofSeconds(60);



    @Configuration
    public Option[] config() {
        return options(KarafOptions.karaf(DistributionIT.distribution(), "Kybern"));
    }

    @Test
    public void everyKybernBundleStopsAndStartsWithTheClusterHealthyAfterEach() throws Exception {
        Kybern kybern = new Kybern(context);
        Kybern.await(DEADLINE, kybern::ready, kybern::readiness);
        for (String name : Kybern.BUNDLES) {
            Bundle bundle = kybern.bundle(name);
            bundle.stop();
            assertEquals(name + " stopped", Bundle.RESOLVED, bundle.getState());
            bundle.start();
            Kybern.await(DEADLINE, () -> bundle.getState() == Bundle.ACTIVE, () -> name + " is active again");
            Kybern.await(DEADLINE, kybern::ready, () -> "ready after restarting " + name + ": " + kybern.readiness());
        }
        assertTrue("all active at the end: " + kybern.inactiveBundles(), kybern.inactiveBundles().isEmpty());
    }

    @Test
    public void readinessFollowsTheStoreWhileItIsAway() throws Exception {
        Kybern kybern = new Kybern(context);
        Kybern.await(DEADLINE, kybern::ready, kybern::readiness);
        Bundle store = kybern.bundle("org.kybern.store");
        Bundle etcdStore = kybern.bundle("org.kybern.store.etcd");
        store.stop();
        try {
            Kybern.await(DEADLINE, () -> !kybern.ready(), () -> "not ready without a store");
            assertTrue(kybern.readiness(), kybern.readiness().contains("[-]store failed"));
            assertEquals("etcd store bundle untouched", Bundle.ACTIVE, etcdStore.getState());
            assertFalse(kybern.ready());
        } finally {
            store.start();
        }
        Kybern.await(DEADLINE, kybern::ready, () -> "ready again with the store back: " + kybern.readiness());
    }

    @Test
    public void stoppingTheApiServerTakesItsEndpointsAwayAndStartingBringsThemBack() throws Exception {
        Kybern kybern = new Kybern(context);
        Kybern.await(DEADLINE, kybern::ready, kybern::readiness);
        Bundle apiserver = kybern.bundle("org.kybern.apiserver");
        apiserver.stop();
        try {
            Kybern.await(DEADLINE, () -> {
                var r = kybern.get("/readyz");
                return r == null || r.statusCode() == 404;
            }, () -> "/readyz gone with the API server stopped");
        } finally {
            apiserver.start();
        }
        Kybern.await(DEADLINE, kybern::ready, () -> "ready after the API server restarted: " + kybern.readiness());
    }
}

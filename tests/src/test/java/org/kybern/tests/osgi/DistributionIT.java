package org.kybern.tests.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.File;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.features.Feature;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.wiring.BundleWiring;

/** The built Kybern distribution boots with every feature installed, every bundle active, and serves. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionIT extends KarafTestSupport {

    @Configuration
    public Option[] config() {
        return options(KarafOptions.karaf(distribution(), "Kybern"));
    }

    /** The URL of the distribution this build produced. */
    static String distribution() {
        File tarball = new File(System.getProperty("kybern.distribution", "missing"));
        if (!tarball.isFile()) {
            throw new IllegalStateException("the Kybern distribution is not built: " + tarball);
        }
        return tarball.toURI().toString();
    }

    @Test
    public void everyKybernFeatureIsInstalled() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String name : Kybern.FEATURES) {
            Feature feature = features.getFeature(name);
            if (feature == null || !features.isInstalled(feature)) {
                missing.add(name);
            }
        }
        assertTrue("features not installed: " + missing, missing.isEmpty());
    }

    @Test
    public void everyKybernBundleIsActive() {
        Kybern kybern = new Kybern(context);
        Kybern.await(Duration.ofSeconds(60), () -> kybern.inactiveBundles().isEmpty(),
                () -> "bundles not active: " + kybern.inactiveBundles());
    }

    @Test
    public void theModelExportFragmentIsAttachedToKubernetesModelCore() {
        Bundle fragment = new Kybern(context).bundle("org.kybern.model.export.fragment");
        assertEquals(Bundle.RESOLVED, fragment.getState());
        BundleWiring wiring = fragment.adapt(BundleWiring.class);
        assertNotNull("fragment resolved", wiring);
        assertEquals("io.fabric8.kubernetes-model-core",
                wiring.getRequiredWires(HostNamespace.HOST_NAMESPACE).get(0).getProvider().getSymbolicName());
    }

    @Test
    public void readyzAnswersOkOverHttpsOnLoopback() {
        Kybern kybern = new Kybern(context);
        Kybern.await(Duration.ofSeconds(60), kybern::ready, kybern::readiness);
        assertTrue("served on loopback only: " + kybern.endpoint(), kybern.endpoint().contains("127.0.0.1"));
        assertEquals("ok", kybern.get("/livez").body());
        assertEquals("ok", kybern.get("/healthz").body());
    }

    @Test
    public void theApiIsHttpsOnlyAndNeedsABearerToken() throws Exception {
        Kybern kybern = new Kybern(context);
        Kybern.await(Duration.ofSeconds(60), kybern::ready, kybern::readiness);
        assertTrue("HTTPS endpoint: " + kybern.endpoint(), kybern.endpoint().startsWith("https://127.0.0.1:"));
        HttpResponse<String> anonymous = kybern.get("/api/v1/namespaces");
        assertEquals(anonymous.body(), 401, anonymous.statusCode());
        assertTrue(anonymous.body(), anonymous.body().contains("\"reason\":\"Unauthorized\""));
        HttpResponse<String> admin = kybern.get("/api/v1/namespaces", kybern.token("kybern-admin"));
        assertEquals(admin.body(), 200, admin.statusCode());
    }

    @Test
    public void versionIsKubernetesVersionInfo() {
        Kybern kybern = new Kybern(context);
        Kybern.await(Duration.ofSeconds(60), kybern::ready, kybern::readiness);
        HttpResponse<String> version = kybern.get("/version");
        assertNotNull(version);
        assertEquals(200, version.statusCode());
        assertTrue(version.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        for (String field : new String[] {"\"major\" : \"1\"", "\"minor\"", "\"gitVersion\" : \"v1.", "\"platform\""}) {
            assertTrue("version.Info has " + field + ": " + version.body(), version.body().contains(field));
        }
    }
}

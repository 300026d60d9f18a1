package org.kybern.tests.osgi;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;

import java.time.Duration;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The README's second way in: a stock Apache Karaf, then
 * {@code feature:repo-add mvn:org.kybern/kybern-features/<version>/xml/features} and
 * {@code feature:install kybern-all}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlainKarafInstallIT extends KarafTestSupport {

    @Configuration
    public Option[] config() {
        String stockKaraf = maven().groupId("org.apache.karaf").artifactId("apache-karaf")
                .version(KarafOptions.KARAF_VERSION).type("tar.gz").getURL();
        return options(
                KarafOptions.karaf(stockKaraf, "Apache Karaf"),
                features(maven().groupId("org.kybern").artifactId("kybern-features")
                        .version(System.getProperty("kybern.version")).classifier("features").type("xml"),
                        "kybern-all"));
    }

    @Test
    public void kybernAllInstallsIntoAStockKarafAndServes() throws Exception {
        for (String name : Kybern.FEATURES) {
            assertTrue(name + " installed", features.isInstalled(features.getFeature(name)));
        }
        assertTrue("Karaf's pax-web must not come along", features.getFeature("pax-web-core") == null
                || !features.isInstalled(features.getFeature("pax-web-core")));
        Kybern kybern = new Kybern(context);
        Kybern.await(Duration.ofSeconds(60), () -> kybern.inactiveBundles().isEmpty(),
                () -> "bundles not active: " + kybern.inactiveBundles());
        Kybern.await(Duration.ofSeconds(60), kybern::ready, kybern::readiness);
    }
}

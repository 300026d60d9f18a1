package org.kybern.tests.osgi;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/** Pax Exam options shared by the tests that boot a Karaf: ports, Maven access and Java 17 flags. */
final class KarafOptions {

    static final String KARAF_VERSION = System.getProperty("karaf.version", "4.4.10");

    private KarafOptions() {
    }

    /**
     * Boots the given Karaf distribution with every listener on a free loopback port, so a
     * cluster started by `./kybern up` on the default ports does not disturb the test.
     */
    static Option karaf(String distributionUrl, String name) {
        String localRepo = System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("user.home") + "/.m2/repository");
        String httpPort = freePort();
        return composite(
                karafDistributionConfiguration().frameworkUrl(distributionUrl).name(name)
                        .karafVersion(KARAF_VERSION).unpackDirectory(new File("target/exam")),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.INFO),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1"),
                // The API server's HTTPS port: the Felix HTTP configuration and its framework-property
                // fallback; plain HTTP off in both, so nothing is served before the API server's TLS is.
                editConfigurationFilePut("etc/org.apache.felix.http.cfg", "org.osgi.service.http.port.secure", httpPort),
                editConfigurationFilePut("etc/org.apache.felix.http.cfg", "org.apache.felix.http.host", "127.0.0.1"),
                editConfigurationFilePut("etc/org.apache.felix.http.cfg", "org.apache.felix.http.enable", "false"),
                editConfigurationFilePut("etc/custom.properties", "org.osgi.service.http.port.secure", httpPort),
                editConfigurationFilePut("etc/custom.properties", "org.apache.felix.http.host", "127.0.0.1"),
                editConfigurationFilePut("etc/custom.properties", "org.apache.felix.http.enable", "false"),
                // The kubelet of this machine serves container logs on a port of its own, free like the others.
                editConfigurationFilePut("etc/org.kybern.kubelet-local.cfg", "port", freePort()),
                // Karaf resolves mvn: URLs (Pax Exam's own bundles, Kybern's features) from the
                // Maven repository of this build only: the tests module puts everything there first.
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg",
                        "org.ops4j.pax.url.mvn.localRepository", localRepo),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
                java17Flags());
    }

    /**
     * Pax Exam starts {@code java … org.apache.karaf.main.Main} itself rather than through
     * {@code bin/karaf}, so it must pass the module flags {@code bin/karaf} passes on Java 9+.
     */
    private static Option java17Flags() {
        return vmOptions(
                "--add-reads=java.xml=java.logging",
                "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + KARAF_VERSION + ".jar",
                "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + KARAF_VERSION + ".jar",
                "--add-opens", "java.base/java.security=ALL-UNNAMED",
                "--add-opens", "java.base/java.net=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
                "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED");
    }

    private static String freePort() {
        return Integer.toString(org.kybern.tests.FreePorts.next());
    }
}

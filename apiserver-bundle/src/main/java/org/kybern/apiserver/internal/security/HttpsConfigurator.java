package org.kybern.apiserver.internal.security;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the API server speak HTTPS only: ensures the CA and serving certificate exist (see
 * {@link Pki}), packs the served certificate into a PKCS#12 key store for Jetty, and puts that key
 * store into Felix HTTP's configuration ({@code org.apache.felix.http}) with plain HTTP off.
 *
 * <p>Felix HTTP restarts Jetty when its configuration changes, so HTTPS starts as soon as the key
 * store is configured; until then Jetty has no connector at all (see etc/custom.properties). Other
 * writers of that configuration (Karaf's etc/ file watcher, an administrator) may drop these keys;
 * every change to it is checked and the keys are put back, so the end state does not depend on who
 * wrote last.
 */
@Component(service = ConfigurationListener.class, immediate = true, configurationPid = HttpsConfigurator.PID)
@Designate(ocd = ServingCertificateConfig.class)
public class HttpsConfigurator implements ConfigurationListener {

    static final String PID = "org.kybern.apiserver.tls";
    static final String HTTP_PID = "org.apache.felix.http";
    static final String HTTP_ENABLE = "org.apache.felix.http.enable";
    static final String HTTPS_ENABLE = "org.apache.felix.https.enable";
    static final String HTTP_PORT = "org.osgi.service.http.port";
    static final String HTTPS_PORT = "org.osgi.service.http.port.secure";
    static final String KEYSTORE = "org.apache.felix.https.keystore";
    static final String KEYSTORE_TYPE = "org.apache.felix.https.keystore.type";
    static final String KEYSTORE_PASSWORD = "org.apache.felix.https.keystore.password";
    static final String KEY_PASSWORD = "org.apache.felix.https.keystore.key.password";
    /** Ours, ignored by Felix: a new certificate changes it, and a changed configuration restarts Jetty. */
    static final String CERTIFICATE_FINGERPRINT = "kybern.apiserver.certificate.sha256";
    static final String KEYSTORE_FILE = "apiserver.p12";
    private static final Logger LOG = LoggerFactory.getLogger(HttpsConfigurator.class);

    @Reference
    private ConfigurationAdmin configAdmin;

    private BundleContext context;
    private Path pkiDir;
    private volatile Map<String, Object> wanted = Map.of();

    @Activate
    void activate(BundleContext context, ServingCertificateConfig config) throws IOException, GeneralSecurityException {
        this.context = context;
        this.pkiDir = KybernFiles.pkiDir(context);
        prepare(config);
        apply();
    }

    @Modified
    void modified(ServingCertificateConfig config) throws IOException, GeneralSecurityException {
        prepare(config);
        apply();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (HTTP_PID.equals(event.getPid()) && event.getType() != ConfigurationEvent.CM_LOCATION_CHANGED) {
            try {
                apply();
            } catch (IOException e) {
                LOG.error("Cannot put the API server's key store back into {}", HTTP_PID, e);
            }
        }
    }

    /** Makes the key store Jetty will serve from and works out the Felix HTTP settings that go with it. */
    private void prepare(ServingCertificateConfig config) throws IOException, GeneralSecurityException {
        Pki.Identity identity = Pki.ensure(pkiDir);
        if (!config.certFile().isBlank() || !config.keyFile().isBlank()) {
            if (config.certFile().isBlank() || config.keyFile().isBlank()) {
                throw new IllegalArgumentException(PID + ": certFile and keyFile go together; one is empty");
            }
            identity = Pki.read(Path.of(config.certFile()), Path.of(config.keyFile()));
            LOG.info("Serving the API with the certificate from {}", config.certFile());
        }
        // The password only guards a file that is readable by its owner alone; keeping the one
        // already configured spares Jetty a restart on every start.
        Object current = currentHttpConfig().get(KEYSTORE_PASSWORD);
        String password = current instanceof String s && !s.isEmpty() ? s : TokenFile.newToken();
        Path keyStore = pkiDir.resolve(KEYSTORE_FILE);
        PrivateFiles.writeSecret(keyStore, Pki.keyStore(identity, password.toCharArray()));
        wanted = Map.of(HTTP_ENABLE, "false", HTTPS_ENABLE, "true", KEYSTORE, keyStore.toAbsolutePath().toString(),
                KEYSTORE_TYPE, "PKCS12", KEYSTORE_PASSWORD, password, KEY_PASSWORD, password,
                CERTIFICATE_FINGERPRINT, Pki.fingerprint(identity.certificate()));
    }

    /** Puts the wanted settings into Felix HTTP's configuration when it lacks any of them. */
    private synchronized void apply() throws IOException {
        Configuration configuration = configAdmin.getConfiguration(HTTP_PID, "?");
        Dictionary<String, Object> props = copy(configuration.getProperties());
        boolean changed = false;
        for (Map.Entry<String, Object> e : wanted.entrySet()) {
            if (!Objects.equals(String.valueOf(props.get(e.getKey())), e.getValue())) {
                props.put(e.getKey(), e.getValue());
                changed = true;
            }
        }
        // A configuration from before HTTPS names only the plain port: the API keeps that port.
        if (props.get(HTTPS_PORT) == null && context.getProperty(HTTPS_PORT) == null && props.get(HTTP_PORT) != null) {
            props.put(HTTPS_PORT, props.get(HTTP_PORT));
            changed = true;
        }
        if (changed) {
            LOG.info("Serving the API over HTTPS only, on port {}, certificate SHA-256 {}",
                    props.get(HTTPS_PORT) != null ? props.get(HTTPS_PORT) : context.getProperty(HTTPS_PORT),
                    wanted.get(CERTIFICATE_FINGERPRINT));
            configuration.update(props);
        }
    }

    private Dictionary<String, Object> currentHttpConfig() throws IOException {
        return copy(configAdmin.getConfiguration(HTTP_PID, "?").getProperties());
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> source) {
        Hashtable<String, Object> copy = new Hashtable<>();
        if (source != null) {
            for (var keys = source.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                copy.put(key, source.get(key));
            }
        }
        return copy;
    }
}

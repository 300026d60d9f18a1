package org.kybern.client.internal;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.kybern.client.ClusterClients;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ClusterClients} service: one fabric8 client per user, built on first use (the token
 * file may be written after this component starts) and closed on deactivation.
 *
 * <p>Credentials: a user's line in the token file gives its bearer token. A user without a line
 * is refused when the server is https (it would only get 401s); against a plain http server, which
 * has no authentication, the client goes without a token.
 */
// Immediate: a delayed component would be deactivated, closing every client, each time its last
// consumer lets go (a component restarting), and the next one would start from scratch.
@Component(service = ClusterClients.class, configurationPid = KubernetesClients.PID, immediate = true)
@Designate(ocd = ClientConfig.class)
public final class KubernetesClients implements ClusterClients {

    static final String PID = "org.kybern.client";
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesClients.class);

    private final ClientSettings settings;
    private final InProcessConnectorFactory inProcess;
    private final Map<String, KubernetesClient> clients = new HashMap<>();
    private boolean closed;

    @Activate
    public KubernetesClients(BundleContext context, ClientConfig config,
            @Reference InProcessConnectorFactory inProcess) {
        this.settings = ClientSettings.of(config, context::getProperty);
        this.inProcess = inProcess;
        if (settings.inProcess()) {
            LOG.info("Kubernetes API clients for this Karaf's API server {}, in process (tokens {})",
                    settings.server(), settings.tokenFile());
        } else {
            LOG.info("Kubernetes API clients for {} (CA {}, tokens {})", settings.server(),
                    Files.isRegularFile(settings.caFile()) ? settings.caFile() : "none",
                    settings.tokenFile());
        }
    }

    @Override
    public synchronized KubernetesClient forUser(String user) {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("a user name is required");
        }
        if (closed) {
            throw new IllegalStateException("the Kubernetes API clients are closed (" + PID + " deactivated)");
        }
        return clients.computeIfAbsent(user, this::connect);
    }

    @Deactivate
    synchronized void deactivate() {
        closed = true;
        for (KubernetesClient client : clients.values()) {
            client.close();
        }
        clients.clear();
    }

    private KubernetesClient connect(String user) {
        ConfigBuilder config = new ConfigBuilder(Config.empty()).withMasterUrl(settings.server().toString());
        Optional<String> token = token(user);
        token.ifPresent(config::withOauthToken);
        if (token.isEmpty()) {
            if (settings.https()) {
                throw new IllegalStateException("no token for user " + user + " in " + settings.tokenFile()
                        + ": the API server at " + settings.server() + " would refuse it (401)");
            }
            LOG.warn("No token for user {} in {}: talking to {} without credentials (plain http has no authentication)",
                    user, settings.tokenFile(), settings.server());
        }
        if (settings.https() && !settings.inProcess()) {
            // Read now, not at activation: the API server of this Karaf makes its CA at first start.
            if (!Files.isRegularFile(settings.caFile())) {
                throw new IllegalStateException("no CA certificate at " + settings.caFile() + " to trust "
                        + settings.server() + " with; the API server writes it at its first start, or set caFile in "
                        + PID);
            }
            config.withCaCertFile(settings.caFile().toString());
        }
        // fabric8 would look its HTTP client up with ServiceLoader, which finds nothing through an
        // OSGi bundle's class loader: hand it the one to use, in process or the JDK's this bundle
        // carries, with its threads.
        return new KubernetesClientBuilder()
                .withConfig(config.build())
                .withHttpClientFactory(settings.inProcess() ? new InProcessHttpClient.Factory(inProcess)
                        : ClientThreads.httpClientFactory())
                .withTaskExecutorSupplier(ClientThreads.tasks())
                .build();
    }

    private Optional<String> token(String user) {
        try {
            return StaticTokenFile.tokenOf(settings.tokenFile(), user);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + settings.tokenFile(), e);
        }
    }
}

package org.kybern.tests.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** What the tests inside the container ask of a running Kybern: its bundles and its API endpoint. */
final class Kybern {

    /** Every Kybern bundle, by symbolic name. */
    static final List<String> BUNDLES = List.of("org.kybern.api", "org.kybern.store", "org.kybern.store.etcd",
            "org.kybern.apiserver", "org.kybern.client", "org.kybern.scheduler", "org.kybern.controller", "org.kybern.kubelet",
            "org.kybern.runtime.docker", "org.kybern.runtime.rkt", "org.kybern.proxy");

    /** Every Kybern feature named in DESIGN.md, plus the platform features they share. */
    static final List<String> FEATURES = List.of("kybern-store", "kybern-store-etcd", "kybern-apiserver",
            "kybern-scheduler", "kybern-controllers", "kybern-kubelet", "kybern-runtime-docker",
            "kybern-runtime-rkt", "kybern-proxy", "kybern-master", "kybern-node", "kybern-all",
            "kybern-http", "kybern-model", "kybern-api", "kybern-client");

    private final BundleContext context;

    Kybern(BundleContext context) {
        this.context = context;
    }

    Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("bundle " + symbolicName + " is not installed");
    }

    /** The base URL the HTTP whiteboard runtime reports (e.g. {@code https://127.0.0.1:6443/}), if one runs. */
    String endpoint() {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(osgi.http.endpoint=*)");
            if (refs == null) {
                return null;
            }
            Object value = refs[0].getProperty("osgi.http.endpoint");
            if (value instanceof String[] array) {
                return array[0];
            }
            if (value instanceof Collection<?> c) {
                return String.valueOf(c.iterator().next());
            }
            return String.valueOf(value);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ${karaf.data}/kybern}: the API server's CA and token file. */
    Path kybernData() {
        return Path.of(context.getProperty("karaf.data"), "kybern");
    }

    /** The token of {@code user} in the API server's token file. */
    String token(String user) throws IOException {
        return Files.readAllLines(kybernData().resolve("tokens.csv")).stream().map(l -> l.split(",", 3))
                .filter(f -> f.length == 3 && f[1].equals(user)).map(f -> f[0]).findFirst()
                .orElseThrow(() -> new AssertionError("no token for " + user));
    }

    /** GET {@code path} over real HTTPS; the status code and body, or {@code null} if nothing answers. */
    HttpResponse<String> get(String path) {
        return get(path, null);
    }

    /**
     * GET {@code path} over real HTTPS, trusting the cluster CA only, with a bearer token if one is
     * given; {@code null} if nothing answers (or the CA is not made yet).
     */
    HttpResponse<String> get(String path, String token) {
        String base = endpoint();
        Path ca = kybernData().resolve("pki").resolve("ca.crt");
        if (base == null || !Files.exists(ca)) {
            return null;
        }
        try {
            URI uri = URI.create(base.replaceAll("/$", "") + path);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return httpClient(ca).send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpClient httpClient(Path caCertificate) throws IOException {
        try (InputStream in = Files.newInputStream(caCertificate)) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("kybern-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(2)).build();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust " + caCertificate, e);
        }
    }

    /** Whether {@code /readyz} answers 200 {@code ok}. */
    boolean ready() {
        HttpResponse<String> r = get("/readyz");
        return r != null && r.statusCode() == 200 && r.body().equals("ok");
    }

    /** What {@code /readyz?verbose} says, for failure messages. */
    String readiness() {
        HttpResponse<String> r = get("/readyz?verbose");
        return r == null ? "no HTTP endpoint answers" : r.statusCode() + " " + r.body();
    }

    /** Bundles among {@link #BUNDLES} that are not ACTIVE, with their state. */
    List<String> inactiveBundles() {
        List<String> inactive = new ArrayList<>();
        for (String name : BUNDLES) {
            Bundle b = bundle(name);
            if (b.getState() != Bundle.ACTIVE) {
                inactive.add(name + " (state " + b.getState() + ")");
            }
        }
        return inactive;
    }

    /** Waits until {@code condition} holds, polling; fails with {@code what} after {@code timeout}. */
    static void await(Duration timeout, Supplier<Boolean> condition, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what.get());
            }
        }
    }
}

package org.kybern.tests.osgi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
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

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

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

    /** The base URL the HTTP whiteboard runtime reports (e.g. {@code http://127.0.0.1:6443/}), if one runs. */
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

    /** GET {@code path} over real HTTP; the status code and body, or {@code null} if nothing answers. */
    HttpResponse<String> get(String path) {
        String base = endpoint();
        if (base == null) {
            return null;
        }
        try {
            URI uri = URI.create(base.replaceAll("/$", "") + path);
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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

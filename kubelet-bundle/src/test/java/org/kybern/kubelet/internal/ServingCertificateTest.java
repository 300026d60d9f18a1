package org.kybern.kubelet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

class ServingCertificateTest {

    @Test
    void aClientTrustingTheCertificateReachesTheKubeletAtItsAddress() throws Exception {
        ServingCertificate certificate = ServingCertificate.create("node-a", "127.0.0.1");
        assertEquals(64, certificate.fingerprint().length());
        assertTrue(certificate.certificate().getSubjectAlternativeNames().stream()
                .anyMatch(n -> n.equals(List.of(2, "node-a"))), "DNS name of the node");

        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.sslContext()));
        server.createContext("/healthz", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("kubelet", certificate.certificate());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, trust.getTrustManagers(), null);
            // Hostname verification on: the certificate must name 127.0.0.1 as an IP address.
            HttpResponse<String> answer = HttpClient.newBuilder().sslContext(client).build().send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/healthz"))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("ok", answer.body());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void addressesAreToldFromNamesWithoutALookup() {
        assertTrue(ServingCertificate.isIp("10.0.0.7"));
        assertTrue(ServingCertificate.isIp("::1"));
        assertFalse(ServingCertificate.isIp("node-a.example"));
    }
}

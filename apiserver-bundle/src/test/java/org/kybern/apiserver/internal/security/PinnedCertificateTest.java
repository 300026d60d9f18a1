package org.kybern.apiserver.internal.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

class PinnedCertificateTest {

    @Test
    void trustsExactlyThePinnedServerCertificate() throws Exception {
        Pki.Identity ca = Pki.newCa("test-ca");
        X509Certificate kubelet = Pki.newServing(ca, "kubelet").certificate();
        X509Certificate other = Pki.newServing(ca, "other").certificate();
        X509ExtendedTrustManager trust = new PinnedCertificate(Pki.fingerprint(kubelet));
        assertDoesNotThrow(() -> trust.checkServerTrusted(new X509Certificate[] {kubelet}, "EC"));
        CertificateException refused = assertThrows(CertificateException.class,
                () -> trust.checkServerTrusted(new X509Certificate[] {other, ca.certificate()}, "EC"));
        assertTrue(refused.getMessage().contains("is not the pinned one"), refused.getMessage());
        assertThrows(CertificateException.class, () -> trust.checkServerTrusted(new X509Certificate[0], "EC"));
        assertThrows(CertificateException.class, () -> trust.checkClientTrusted(new X509Certificate[] {kubelet}, "EC"));
    }

    @Test
    void theKubeletClientCertificateIsMadeOnceFromTheCaAndNamesTheApiServer(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path pki) throws Exception {
        Pki.ensure(pki);
        KubeletClientCredentials credentials = new KubeletClientCredentials(pki);
        X509Certificate client = credentials.identity().certificate();
        org.junit.jupiter.api.Assertions.assertEquals("CN=kube-apiserver-kubelet-client,O=system:masters",
                client.getSubjectX500Principal().getName());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("1.3.6.1.5.5.7.3.2"), client.getExtendedKeyUsage());
        X509Certificate ca = Pki.read(pki.resolve(Pki.CA_CERT), pki.resolve(Pki.CA_KEY)).certificate();
        client.verify(ca.getPublicKey());
        org.junit.jupiter.api.Assertions.assertEquals(client,
                new KubeletClientCredentials(pki).identity().certificate(), "kept, not made again");
        assertTrue(credentials.sslContext("00").getProtocol().startsWith("TLS"));
    }
}

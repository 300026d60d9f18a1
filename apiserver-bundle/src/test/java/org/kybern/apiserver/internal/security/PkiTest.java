package org.kybern.apiserver.internal.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiTest {

    @Test
    void makesACaAndAServingCertificateSignedByItForEveryApiServerName(@TempDir Path dir) throws Exception {
        Pki.Identity serving = Pki.ensure(dir);
        X509Certificate ca = readCert(dir.resolve("ca.crt"));
        X509Certificate leaf = readCert(dir.resolve("apiserver.crt"));
        assertEquals(leaf, serving.certificate());
        assertEquals(List.of(leaf, ca), serving.chain());

        assertTrue(ca.getBasicConstraints() >= 0, "the CA is a CA");
        ca.verify(ca.getPublicKey());
        leaf.verify(ca.getPublicKey());
        assertEquals(-1, leaf.getBasicConstraints(), "the serving certificate is no CA");
        assertEquals(ca.getSubjectX500Principal(), leaf.getIssuerX500Principal());
        assertTrue(leaf.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");

        Set<String> names = new HashSet<>();
        for (List<?> san : leaf.getSubjectAlternativeNames()) {
            names.add(san.get(0) + ":" + san.get(1));
        }
        assertEquals(Set.of("2:localhost", "2:kubernetes", "2:kubernetes.default", "2:kubernetes.default.svc",
                "2:kubernetes.default.svc.cluster.local", "7:127.0.0.1", "7:10.96.0.1"), names);

        // The JDK's PKIX validation accepts the chain with ca.crt as the only trust anchor.
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), params);

        for (String key : List.of("ca.key", "apiserver.key")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key))), key);
            assertTrue(Files.readString(dir.resolve(key)).startsWith("-----BEGIN "), key + " is PEM");
        }
    }

    @Test
    void existingFilesAreKeptAsTheyAre(@TempDir Path dir) throws Exception {
        Pki.ensure(dir);
        byte[] ca = Files.readAllBytes(dir.resolve("ca.crt"));
        byte[] caKey = Files.readAllBytes(dir.resolve("ca.key"));
        byte[] serving = Files.readAllBytes(dir.resolve("apiserver.crt"));
        Pki.ensure(dir);
        assertArrayEquals(ca, Files.readAllBytes(dir.resolve("ca.crt")));
        assertArrayEquals(caKey, Files.readAllBytes(dir.resolve("ca.key")));
        assertArrayEquals(serving, Files.readAllBytes(dir.resolve("apiserver.crt")));

        // A lost serving certificate is made again by the same CA.
        Files.delete(dir.resolve("apiserver.crt"));
        Pki.Identity renewed = Pki.ensure(dir);
        assertArrayEquals(ca, Files.readAllBytes(dir.resolve("ca.crt")));
        renewed.certificate().verify(readCert(dir.resolve("ca.crt")).getPublicKey());
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefused(@TempDir Path dir) throws Exception {
        Pki.ensure(dir);
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                () -> Pki.read(dir.resolve("apiserver.crt"), dir.resolve("ca.key")));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void theKeyStoreHoldsTheKeyAndTheChainForJetty(@TempDir Path dir) throws Exception {
        Pki.Identity serving = Pki.ensure(dir);
        char[] password = "secret".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(Pki.keyStore(serving, password)), password);
        assertEquals(serving.key(), store.getKey("apiserver", password));
        assertEquals(serving.chain(), List.of(store.getCertificateChain("apiserver")));
        assertEquals(64, Pki.fingerprint(serving.certificate()).length());
    }

    private static X509Certificate readCert(Path file) throws Exception {
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}

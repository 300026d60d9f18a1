package org.kybern.kubelet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientCertificatesTest {

    @TempDir
    Path dir;

    private static KeyPair keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
            boolean ca, KeyPurposeId purpose) throws Exception {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(Duration.ofDays(1))),
                new X500Name(subject), subjectKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (purpose != null) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    @Test
    void onlyClientCertificatesOfTheClusterCaPass() throws Exception {
        KeyPair caKeys = keys();
        X509Certificate ca = certificate("CN=kybern-ca", caKeys, "CN=kybern-ca", caKeys, true, null);
        Path caFile = dir.resolve("ca.crt");
        Files.writeString(caFile, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(ca.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        ClientCertificates clients = new ClientCertificates(caFile);

        KeyPair apiServer = keys();
        X509Certificate good = certificate("O=system:masters,CN=kube-apiserver-kubelet-client", apiServer,
                "CN=kybern-ca", caKeys, false, KeyPurposeId.id_kp_clientAuth);
        assertEquals(Optional.empty(), clients.refusal(new Certificate[] {good, ca}));

        KeyPair strangerKeys = keys();
        X509Certificate stranger = certificate("CN=stranger", strangerKeys, "CN=kybern-ca", strangerKeys, false,
                KeyPurposeId.id_kp_clientAuth);
        assertTrue(clients.refusal(new Certificate[] {stranger}).orElseThrow().contains("not signed by the cluster CA"));

        X509Certificate server = certificate("CN=some-server", apiServer, "CN=kybern-ca", caKeys, false,
                KeyPurposeId.id_kp_serverAuth);
        assertTrue(clients.refusal(new Certificate[] {server}).orElseThrow().contains("not for client authentication"));

        assertEquals(Optional.of("no client certificate"), clients.refusal(null));
        assertTrue(new ClientCertificates(dir.resolve("missing.crt")).refusal(new Certificate[] {good}).orElseThrow()
                .contains("cannot be read"));
    }
}

package org.kybern.apiserver.internal.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The API server's public-key infrastructure, as kubeadm lays it out: a self-signed cluster CA
 * ({@code ca.crt}, {@code ca.key}) and a serving certificate it signs ({@code apiserver.crt},
 * {@code apiserver.key}) for every name a client inside or outside the cluster uses for the API.
 * Keys are ECDSA P-256 (made in milliseconds, understood by kubectl, curl and Java alike); the
 * JDK's own providers sign, so no security provider is installed globally.
 */
public final class Pki {

    public static final String CA_CERT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String SERVING_CERT = "apiserver.crt";
    public static final String SERVING_KEY = "apiserver.key";

    /** DNS names in the serving certificate: loopback and the in-cluster names of the kubernetes Service. */
    static final List<String> SERVING_DNS_NAMES = List.of("localhost", "kubernetes", "kubernetes.default",
            "kubernetes.default.svc", "kubernetes.default.svc.cluster.local");
    /** IP addresses in the serving certificate: loopback and the kubernetes Service's ClusterIP (first of 10.96.0.0/12). */
    static final List<String> SERVING_IPS = List.of("127.0.0.1", "10.96.0.1");

    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Pki() {
    }

    /** A certificate chain (leaf first) and its private key. */
    public record Identity(List<X509Certificate> chain, PrivateKey key) {
        public X509Certificate certificate() {
            return chain.get(0);
        }
    }

    /**
     * Makes the CA and the serving certificate in {@code dir} where they are missing; files that
     * exist are kept as they are. Returns the serving identity, chained to the CA.
     */
    public static Identity ensure(Path dir) throws IOException, GeneralSecurityException {
        Path caCert = dir.resolve(CA_CERT);
        Path caKey = dir.resolve(CA_KEY);
        if (!Files.exists(caCert) || !Files.exists(caKey)) {
            Identity ca = newCa("kybern-ca");
            // The key is written first: a certificate without its key would never be replaced.
            PrivateFiles.writeSecret(caKey, pem(ca.key()));
            PrivateFiles.writePublic(caCert, pem(ca.certificate()));
        }
        Identity ca = read(caCert, caKey);
        Path servingCert = dir.resolve(SERVING_CERT);
        Path servingKey = dir.resolve(SERVING_KEY);
        if (!Files.exists(servingCert) || !Files.exists(servingKey)) {
            Identity serving = newServing(ca, "kube-apiserver");
            PrivateFiles.writeSecret(servingKey, pem(serving.key()));
            PrivateFiles.writePublic(servingCert, pem(serving.certificate()));
        }
        Identity serving = read(servingCert, servingKey);
        List<X509Certificate> chain = new ArrayList<>(serving.chain());
        if (chain.size() == 1 && !chain.get(0).equals(ca.certificate())) {
            chain.add(ca.certificate());
        }
        return new Identity(List.copyOf(chain), serving.key());
    }

    /** A new self-signed CA. */
    static Identity newCa(String commonName) throws GeneralSecurityException {
        KeyPair keys = newKeyPair();
        X500Name name = new X500Name("CN=" + commonName);
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            return new Identity(List.of(sign(builder, keys.getPrivate())), keys.getPrivate());
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot build the CA certificate", e);
        }
    }

    /** A new serving certificate for the API server's names, signed by {@code ca}. */
    static Identity newServing(Identity ca, String commonName) throws GeneralSecurityException {
        List<GeneralName> names = new ArrayList<>();
        SERVING_DNS_NAMES.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
        SERVING_IPS.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
        return newLeaf(ca, new X500Name("CN=" + commonName), KeyPurposeId.id_kp_serverAuth, names);
    }

    /**
     * A new client certificate signed by {@code ca}, as kubeadm makes {@code apiserver-kubelet-client}:
     * the subject's CN is the user and its O the group.
     */
    static Identity newClient(Identity ca, String user, String group) throws GeneralSecurityException {
        return newLeaf(ca, new X500Name("O=" + group + ",CN=" + user), KeyPurposeId.id_kp_clientAuth, List.of());
    }

    private static Identity newLeaf(Identity ca, X500Name subject, KeyPurposeId purpose, List<GeneralName> names)
            throws GeneralSecurityException {
        KeyPair keys = newKeyPair();
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(ca.certificate()))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            return new Identity(List.of(sign(builder, ca.key()), ca.certificate()), keys.getPrivate());
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot build the certificate of " + subject, e);
        }
    }

    /**
     * Reads a certificate file (one or more PEM certificates, leaf first) and its PEM private key
     * (PKCS#8, PKCS#1 RSA or SEC1 EC), checking that they belong together.
     */
    public static Identity read(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = readCertificates(Files.readString(certFile, StandardCharsets.US_ASCII));
        if (chain.isEmpty()) {
            throw new GeneralSecurityException(certFile + " holds no PEM certificate");
        }
        PrivateKey key = readKey(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile);
        if (!matches(chain.get(0), key)) {
            throw new GeneralSecurityException("the key in " + keyFile + " does not belong to the certificate in "
                    + certFile);
        }
        return new Identity(List.copyOf(chain), key);
    }

    static List<X509Certificate> readCertificates(String pem) throws IOException, GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        }
        return certificates;
    }

    private static PrivateKey readKey(String pem, Path source) throws IOException, GeneralSecurityException {
        try (Reader reader = new StringReader(pem); PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        }
        throw new GeneralSecurityException(source + " holds no unencrypted PEM private key");
    }

    /** Whether {@code key} is the private half of {@code certificate}'s public key: sign and verify. */
    private static boolean matches(X509Certificate certificate, PrivateKey key) throws GeneralSecurityException {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
        byte[] probe = "kybern".getBytes(StandardCharsets.US_ASCII);
        java.security.Signature signer = java.security.Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(probe);
        return verifier.verify(signature);
    }

    /** A PKCS#12 key store holding the identity under the alias {@code apiserver}, as Jetty reads it. */
    public static byte[] keyStore(Identity identity, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("apiserver", identity.key(), password, identity.chain().toArray(X509Certificate[]::new));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
    }

    /** The SHA-256 fingerprint of a certificate, lower-case hex. */
    public static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    /** PEM of a certificate, or of a private key as PKCS#8 ({@code PRIVATE KEY}), which carries its curve. */
    static byte[] pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (object instanceof PrivateKey key) {
                writer.writeObject(new JcaPKCS8Generator(key, null));
            } else {
                writer.writeObject(object);
            }
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + SIGNATURE, e);
        }
    }

    /** A positive random serial of 127 bits, as RFC 5280 allows (at most 20 octets). */
    private static BigInteger serial() {
        return new BigInteger(127, RANDOM);
    }
}

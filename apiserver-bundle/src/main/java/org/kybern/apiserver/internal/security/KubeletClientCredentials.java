package org.kybern.apiserver.internal.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the API server shows itself to kubelets, as kubeadm sets it up: a client certificate signed
 * by the cluster CA ({@code apiserver-kubelet-client.crt}, CN {@value #USER}, O
 * {@code system:masters}), made beside the CA the first time it is needed; and trust in exactly
 * the kubelet's own serving certificate (see {@link PinnedCertificate}).
 */
@Component(service = KubeletClientCredentials.class)
public class KubeletClientCredentials {

    static final String USER = "kube-apiserver-kubelet-client";
    static final String CERT = "apiserver-kubelet-client.crt";
    static final String KEY = "apiserver-kubelet-client.key";
    private static final Logger LOG = LoggerFactory.getLogger(KubeletClientCredentials.class);

    private final Path pkiDir;
    private Pki.Identity identity;

    @Activate
    public KubeletClientCredentials(BundleContext context) {
        this.pkiDir = KybernFiles.pkiDir(context);
    }

    KubeletClientCredentials(Path pkiDir) {
        this.pkiDir = pkiDir;
    }

    /** TLS to the kubelet whose serving certificate has the SHA-256 {@code pinnedSha256}, showing our client certificate. */
    public SSLContext sslContext(String pinnedSha256) throws IOException, GeneralSecurityException {
        char[] password = new char[0];
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        Pki.Identity client = identity();
        store.setKeyEntry("kubelet-client", client.key(), password,
                client.chain().toArray(java.security.cert.X509Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), new TrustManager[] {new PinnedCertificate(pinnedSha256)}, null);
        return context;
    }

    /** The client certificate, made from the CA when missing (the CA exists once the API server serves HTTPS). */
    synchronized Pki.Identity identity() throws IOException, GeneralSecurityException {
        if (identity == null) {
            Path cert = pkiDir.resolve(CERT);
            Path key = pkiDir.resolve(KEY);
            if (!Files.exists(cert) || !Files.exists(key)) {
                Pki.Identity ca = Pki.read(pkiDir.resolve(Pki.CA_CERT), pkiDir.resolve(Pki.CA_KEY));
                Pki.Identity made = Pki.newClient(ca, USER, "system:masters");
                PrivateFiles.writeSecret(key, Pki.pem(made.key()));
                PrivateFiles.writePublic(cert, Pki.pem(made.certificate()));
                LOG.info("Made the API server's client certificate for kubelets, {}", cert);
            }
            identity = Pki.read(cert, key);
        }
        return identity;
    }
}

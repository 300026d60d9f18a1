package org.kybern.kubelet.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Who may read logs by certificate: a client certificate signed by the cluster CA (the API
 * server's {@code kube-apiserver-kubelet-client}), as Kubernetes' kubelet checks with
 * {@code --client-ca-file}. The CA is read from its file when first needed and again when the file
 * changes, so a kubelet may start before the API server has made it.
 *
 * <p>The TLS layer takes any client certificate (TLS still proves the client holds its key); the
 * check is made per request by {@link #refusal}, so a refusal is a clear 403 rather than a broken
 * handshake.
 */
final class ClientCertificates {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final Path caFile;
    private X509Certificate ca;
    private FileTime caVersion;

    ClientCertificates(Path caFile) {
        this.caFile = caFile;
    }

    /** Why the certificate chain a client showed is not good enough, or empty when it is. */
    Optional<String> refusal(Certificate[] chain) {
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate client)) {
            return Optional.of("no client certificate");
        }
        X509Certificate authority;
        try {
            authority = ca();
        } catch (IOException | GeneralSecurityException e) {
            return Optional.of("the cluster CA " + caFile + " cannot be read: " + e.getMessage());
        }
        try {
            client.checkValidity();
            client.verify(authority.getPublicKey());
            List<String> usages = client.getExtendedKeyUsage();
            if (usages != null && !usages.contains(CLIENT_AUTH)) {
                return Optional.of("the certificate of " + client.getSubjectX500Principal().getName()
                        + " is not for client authentication");
            }
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            return Optional.of("the certificate of " + client.getSubjectX500Principal().getName()
                    + " is not signed by the cluster CA or not valid now (" + e.getMessage() + ")");
        }
    }

    private synchronized X509Certificate ca() throws IOException, GeneralSecurityException {
        FileTime version = Files.getLastModifiedTime(caFile);
        if (ca == null || !version.equals(caVersion)) {
            try (InputStream in = Files.newInputStream(caFile)) {
                ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            caVersion = version;
        }
        return ca;
    }

    /** The TLS side: asks for a client certificate and takes any, leaving the verdict to {@link #refusal}. */
    static X509ExtendedTrustManager anyClient() {
        return new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // judged per request by refusal(), so that a refusal is an HTTP answer
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                // as above
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                // as above
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType)
                    throws java.security.cert.CertificateException {
                throw new java.security.cert.CertificateException("the kubelet's server trusts no servers");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                    throws java.security.cert.CertificateException {
                checkServerTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                    throws java.security.cert.CertificateException {
                checkServerTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }
}

package org.kybern.apiserver.internal.security;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust in exactly one server certificate, named by its SHA-256 fingerprint: how the API server
 * trusts a kubelet's self-signed serving certificate, whose fingerprint the kubelet shows on its
 * Node. Any other certificate is refused, whatever signed it.
 */
final class PinnedCertificate extends X509ExtendedTrustManager {

    private final String sha256;

    PinnedCertificate(String sha256) {
        this.sha256 = sha256;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server showed no certificate");
        }
        String shown;
        try {
            shown = Pki.fingerprint(chain[0]);
        } catch (GeneralSecurityException e) {
            throw new CertificateException("cannot take the fingerprint of the server's certificate", e);
        }
        if (!shown.equalsIgnoreCase(sha256)) {
            throw new CertificateException("the server's certificate (SHA-256 " + shown + ") is not the pinned one ("
                    + sha256 + ")");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a pinned certificate trusts servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}

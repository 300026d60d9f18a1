package org.kybern.proxy.nftables.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.kybern.api.proxy.ServicePort;
import org.kybern.api.proxy.ServicePort.Endpoint;

/**
 * Names of the chains and sets of one service port: a short hash keeps them unique, a readable tail
 * ({@code namespace/service/protocol/port}, plus {@code __ip/port} for an endpoint) says whose they are.
 */
final class NftNames {

    /** What nft's scanner takes as an identifier without quotes. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_./-]{0,200}");

    private NftNames() {
    }

    /** The chain choosing an endpoint of {@code port}. */
    static String serviceChain(ServicePort port) {
        return "svc-" + hash(port.key()) + "-" + label(port);
    }

    /** The chain DNATing to {@code endpoint}. */
    static String endpointChain(ServicePort port, Endpoint endpoint) {
        return "ep-" + hash(port.key() + "@" + endpoint) + suffix(port, endpoint);
    }

    /**
     * The set of client addresses stuck to {@code endpoint} ({@code sessionAffinity: ClientIP}). Its
     * name changes with the timeout, so remembered clients never outlive a shortened timeout.
     */
    static String affinitySet(ServicePort port, Endpoint endpoint) {
        String identity = port.key() + "@" + endpoint + "/" + port.affinityTimeoutSeconds();
        return "aff-" + hash(identity) + suffix(port, endpoint);
    }

    /** Whether {@code name} can stand unquoted as an nft table, chain or set name. */
    static boolean isIdentifier(String name) {
        return IDENTIFIER.matcher(name).matches();
    }

    private static String suffix(ServicePort port, Endpoint endpoint) {
        return "-" + label(port) + "__" + endpoint.ip() + "/" + endpoint.port();
    }

    private static String label(ServicePort port) {
        return clean(port.namespace()) + "/" + clean(port.service()) + "/"
                + port.protocol().toLowerCase(Locale.ROOT) + "/" + port.port();
    }

    /** Kubernetes names are DNS labels already; anything else becomes {@code _}. */
    private static String clean(String name) {
        return name.replaceAll("[^a-z0-9.-]", "_");
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}

package org.kybern.client.internal;

import java.net.URI;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration made concrete: {@code ${name}} placeholders replaced by framework properties,
 * and an empty server turned into this Karaf's own API server (HTTPS on Felix HTTP's secure port),
 * reached in process.
 *
 * @param server    the API server's base URL
 * @param caFile    the CA certificate to trust for an https server, if the file exists
 * @param tokenFile the static token file
 * @param inProcess whether the server is this Karaf's own, reached without a socket
 *                  ({@link InProcessHttpClient}); its URL then names it in messages and requests
 */
record ClientSettings(URI server, Path caFile, Path tokenFile, boolean inProcess) {

    static final String HTTPS_PORT = "org.osgi.service.http.port.secure";
    static final String DEFAULT_PORT = "6443";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    /** @param frameworkProperty the framework property of a name, or {@code null} */
    static ClientSettings of(ClientConfig config, UnaryOperator<String> frameworkProperty) {
        Path caFile = Path.of(expand(config.caFile(), frameworkProperty));
        Path tokenFile = Path.of(expand(config.tokenFile(), frameworkProperty));
        String server = expand(config.server(), frameworkProperty).strip();
        boolean inProcess = server.isEmpty();
        if (inProcess) {
            // The API server of this Karaf serves HTTPS only, on Felix HTTP's secure port.
            server = "https://127.0.0.1:" + firstSet(frameworkProperty, HTTPS_PORT);
        }
        URI uri = URI.create(server);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("server must be an http:// or https:// URL, was " + server);
        }
        return new ClientSettings(uri, caFile, tokenFile, inProcess);
    }

    boolean https() {
        return "https".equals(server.getScheme());
    }

    private static String firstSet(UnaryOperator<String> frameworkProperty, String... names) {
        for (String name : names) {
            String value = frameworkProperty.apply(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return DEFAULT_PORT;
    }

    /** Replaces {@code ${name}} by the framework property; an unknown name is an error, not an empty path. */
    static String expand(String value, UnaryOperator<String> frameworkProperty) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = frameworkProperty.apply(m.group(1));
            if (replacement == null) {
                throw new IllegalArgumentException("no framework property " + m.group(1) + " for " + value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}

package org.kybern.kubelet.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.kybern.api.runtime.RegistryAuth;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Registry credentials from a {@code kubernetes.io/dockerconfigjson} (or legacy {@code dockercfg})
 * secret: the entry whose server matches the image's registry.
 */
final class RegistryCredentials {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryCredentials() {
    }

    /**
     * @param secretData the secret's data (base64 values, as the API returns them)
     * @param registry   the image's registry host, e.g. {@code 127.0.0.1:5000}
     */
    static Optional<RegistryAuth> find(Map<String, String> secretData, String registry) {
        if (secretData == null) {
            return Optional.empty();
        }
        JsonNode auths;
        if (secretData.containsKey(".dockerconfigjson")) {
            auths = parse(secretData.get(".dockerconfigjson")).path("auths");
        } else if (secretData.containsKey(".dockercfg")) {
            auths = parse(secretData.get(".dockercfg"));
        } else {
            return Optional.empty();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!host(e.getKey()).equals(registry)) {
                continue;
            }
            JsonNode entry = e.getValue();
            String user = entry.path("username").asString("");
            String password = entry.path("password").asString("");
            String auth = entry.path("auth").asString("");
            if (user.isEmpty() && !auth.isEmpty()) {
                String decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    user = decoded.substring(0, colon);
                    password = decoded.substring(colon + 1);
                }
            }
            return Optional.of(new RegistryAuth(registry, user, password));
        }
        return Optional.empty();
    }

    /** {@code https://127.0.0.1:5000/v2/} → {@code 127.0.0.1:5000}; Docker Hub's names → {@code docker.io}. */
    static String host(String server) {
        String s = server.replaceFirst("^[a-z]+://", "");
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        return s.equals("index.docker.io") || s.equals("registry-1.docker.io") ? "docker.io" : s;
    }

    private static JsonNode parse(String base64) {
        try {
            return JSON.readTree(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the pull secret is not valid base64 JSON: " + e.getMessage(), e);
        }
    }
}

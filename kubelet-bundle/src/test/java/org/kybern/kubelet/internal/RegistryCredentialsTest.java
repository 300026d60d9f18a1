package org.kybern.kubelet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kybern.api.runtime.RegistryAuth;

class RegistryCredentialsTest {

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theEntryOfTheImagesRegistryFromADockerConfigJsonSecret() {
        String json = "{\"auths\":{\"https://127.0.0.1:5000/v2/\":{\"auth\":\"" + b64("alice:pw:with:colons") + "\"},"
                + "\"other.example\":{\"username\":\"bob\",\"password\":\"x\"}}}";
        Map<String, String> data = Map.of(".dockerconfigjson", b64(json));
        assertEquals(Optional.of(new RegistryAuth("127.0.0.1:5000", "alice", "pw:with:colons")),
                RegistryCredentials.find(data, "127.0.0.1:5000"));
        assertEquals(Optional.of(new RegistryAuth("other.example", "bob", "x")),
                RegistryCredentials.find(data, "other.example"));
        assertEquals(Optional.empty(), RegistryCredentials.find(data, "docker.io"));
        assertEquals(Optional.empty(), RegistryCredentials.find(Map.of("token", b64("x")), "127.0.0.1:5000"));
    }
}

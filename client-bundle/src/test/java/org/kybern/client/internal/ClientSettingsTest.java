package org.kybern.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientSettingsTest {

    @TempDir
    Path dir;

    @Test
    void anEmptyServerIsThisKarafsApiServerReachedInProcessAndNamedByItsHttpsPort() {
        Map<String, String> props = Map.of("karaf.data", dir.toString(), "org.osgi.service.http.port", "7001",
                "org.osgi.service.http.port.secure", "7443");
        ClientSettings settings = ClientSettings.of(config(""), props::get);
        assertEquals("https://127.0.0.1:7443", settings.server().toString());
        assertTrue(settings.inProcess());
        assertEquals(dir.resolve("kybern/pki/ca.crt"), settings.caFile());
        assertEquals(dir.resolve("kybern/tokens.csv"), settings.tokenFile());
    }

    @Test
    void withoutPortPropertiesThePortIsKubernetesDefault() {
        Map<String, String> props = Map.of("karaf.data", dir.toString());
        assertEquals("https://127.0.0.1:6443", ClientSettings.of(config(""), props::get).server().toString());
    }

    @Test
    void aConfiguredServerIsUsedAsItIsOverTheNetworkEvenWhenItIsThisKarafs() {
        Map<String, String> props = Map.of("karaf.data", dir.toString());
        ClientSettings remote = ClientSettings.of(config("https://10.1.2.3:6443"), props::get);
        assertEquals("https://10.1.2.3:6443", remote.server().toString());
        assertFalse(remote.inProcess());
        assertFalse(ClientSettings.of(config("https://127.0.0.1:6443"), props::get).inProcess());
    }

    @Test
    void badServersAndUnknownPlaceholdersAreRefusedWithTheirName() {
        Map<String, String> props = Map.of("karaf.data", dir.toString());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ClientSettings.of(config("ftp://x"), props::get));
        assertEquals("server must be an http:// or https:// URL, was ftp://x", bad.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ClientSettings.of(config(""), Map.<String, String>of()::get));
        assertEquals("no framework property karaf.data for ${karaf.data}/kybern/pki/ca.crt", unknown.getMessage());
    }

    @Test
    void theTokenIsTheOneOnTheUsersLine() throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens.csv"), """
                # comment
                t-admin,kybern-admin,uid-1,"system:masters,system:authenticated"
                t-node,system:node:host-1,uid-2,system:nodes
                "t,quoted",quoted-user,uid-3
                """);
        assertEquals(Optional.of("t-admin"), StaticTokenFile.tokenOf(tokens, "kybern-admin"));
        assertEquals(Optional.of("t-node"), StaticTokenFile.tokenOf(tokens, "system:node:host-1"));
        assertEquals(Optional.of("t,quoted"), StaticTokenFile.tokenOf(tokens, "quoted-user"));
        assertEquals(Optional.empty(), StaticTokenFile.tokenOf(tokens, "system:kube-proxy"));
        assertEquals(Optional.empty(), StaticTokenFile.tokenOf(dir.resolve("missing.csv"), "kybern-admin"));
        assertEquals(List.of("t", "u", "id", "a,b"), StaticTokenFile.fields("t,u,id,\"a,b\""));
    }

    private ClientConfig config(String server) {
        return new ClientConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ClientConfig.class;
            }

            @Override
            public String server() {
                return server;
            }

            @Override
            public String caFile() {
                return "${karaf.data}/kybern/pki/ca.crt";
            }

            @Override
            public String tokenFile() {
                return "${karaf.data}/kybern/tokens.csv";
            }
        };
    }
}

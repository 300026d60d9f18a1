package org.kybern.apiserver.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

    @Test
    void readsKubernetesStaticTokenFileRecords() {
        TokenFile file = TokenFile.parse("""
                abc,alice,1,"dev,ops"
                def,bob,2
                "g""h",carol,3,viewers

                ,nobody,4
                """);
        assertEquals(3, file.size(), "the empty token is skipped, the blank line ignored");
        assertEquals(Optional.of(new TokenFile.User("alice", "1", List.of("dev", "ops"))), file.authenticate("abc"));
        assertEquals(Optional.of(new TokenFile.User("bob", "2", List.of())), file.authenticate("def"));
        assertEquals(Optional.of(new TokenFile.User("carol", "3", List.of("viewers"))), file.authenticate("g\"h"));
        assertEquals(Optional.empty(), file.authenticate("ab"));
        assertEquals(Optional.empty(), file.authenticate(""));
        assertEquals(Optional.empty(), file.authenticate("nobody"));
    }

    @Test
    void theRawTokenOfAUserIsTheLastRecordNamingIt() {
        String csv = "t1,system:node:a,1\nt2,system:node:b,2\n,system:node:b,3\nt3,system:node:b,4\n";
        assertEquals(java.util.Optional.of("t1"), TokenFile.rawTokenOf(csv, "system:node:a"));
        assertEquals(java.util.Optional.of("t3"), TokenFile.rawTokenOf(csv, "system:node:b"));
        assertEquals(java.util.Optional.empty(), TokenFile.rawTokenOf(csv, "system:node:c"));
    }

    @Test
    void theLastOfDuplicateTokensWinsAsInKubernetes() {
        TokenFile file = TokenFile.parse("t,first,1\r\nt,second,2\r\n");
        assertEquals(1, file.size());
        assertEquals("second", file.authenticate("t").orElseThrow().name());
    }

    @Test
    void refusesRecordsKubernetesRefuses() {
        IllegalArgumentException shortRecord = assertThrows(IllegalArgumentException.class,
                () -> TokenFile.parse("a,b,c\nonly,two\n"));
        assertTrue(shortRecord.getMessage().contains("record 2 has 2 columns"), shortRecord.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TokenFile.parse("a,b,\"unclosed\n"));
        assertThrows(IllegalArgumentException.class, () -> TokenFile.parse("a,b,\"c\"x\n"));
        assertThrows(IllegalArgumentException.class, () -> TokenFile.parse("a\"b,c,d\n"));
    }

    @Test
    void generatesARandomTokenForEveryKybernUser() {
        String csv = TokenFile.generate("node-1");
        List<List<String>> records = TokenFile.Csv.parse(csv);
        assertEquals(List.of("kybern-admin", "system:kube-scheduler", "system:kube-controller-manager",
                "system:kube-proxy", "system:node:node-1"), records.stream().map(r -> r.get(1)).toList());
        assertEquals("system:masters", records.get(0).get(3));
        assertEquals("system:nodes", records.get(4).get(3));
        Pattern token = Pattern.compile("[A-Za-z0-9_-]{43}");
        for (List<String> r : records) {
            assertTrue(token.matcher(r.get(0)).matches(), "32 random bytes, base64url: " + r.get(0));
        }
        assertEquals(5, records.stream().map(r -> r.get(0)).distinct().count());
        assertNotEquals(csv, TokenFile.generate("node-1"), "fresh tokens every time");

        TokenFile file = TokenFile.parse(csv);
        TokenFile.User admin = file.authenticate(records.get(0).get(0)).orElseThrow();
        assertEquals("kybern-admin", admin.name());
        assertEquals(List.of("system:masters"), admin.groups());
        assertEquals(records.get(0).get(2), admin.uid());
    }

    @Test
    void theFileIsCreatedOwnerOnlyAndNeverOverwritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kybern").resolve("tokens.csv");
        assertTrue(PrivateFiles.createSecret(file, "a,b,c\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(!PrivateFiles.createSecret(file, "x,y,z\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("a,b,c\n", Files.readString(file));
        try (var leftovers = Files.list(file.getParent())) {
            assertEquals(List.of(file), leftovers.toList(), "no temporary file left behind");
        }
    }

    @Test
    void bearerTokensAreTakenFromTheAuthorizationHeaderAsKubernetesDoes() {
        assertEquals(Optional.of("abc"), BearerTokenFilter.bearerToken("Bearer abc"));
        assertEquals(Optional.of("abc"), BearerTokenFilter.bearerToken("bearer   abc "));
        assertEquals(Optional.empty(), BearerTokenFilter.bearerToken("Basic YTpi"));
        assertEquals(Optional.empty(), BearerTokenFilter.bearerToken("Bearer "));
        assertEquals(Optional.empty(), BearerTokenFilter.bearerToken(null));
    }
}

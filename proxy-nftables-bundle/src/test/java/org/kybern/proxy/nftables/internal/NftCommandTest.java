package org.kybern.proxy.nftables.internal;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kybern.api.proxy.ProxyException;

/** Running nft: what a missing nft, a refused script and a hanging nft turn into. */
class NftCommandTest {

    @TempDir
    Path dir;

    @Test
    void missingNftSaysWhatToInstall() {
        String reason = new NftCommand(dir.resolve("nft").toString(), Duration.ofSeconds(5)).unusableReason();
        assertTrue(reason.contains("apt-get install nftables"), reason);
    }

    @Test
    void installedNftIsUsableAsRoot() {
        assertNull(new NftCommand("nft", Duration.ofSeconds(5)).unusableReason());
    }

    @Test
    void refusedScriptFailsWithNftsError() {
        ProxyException failure = assertThrows(ProxyException.class,
                () -> new NftCommand("nft", Duration.ofSeconds(5)).apply("add tabel ip kybern_t_typo\n"));
        assertTrue(failure.getMessage().contains("syntax error"), failure.getMessage());
    }

    @Test
    void hangingNftIsStoppedAtTheTimeout() throws IOException {
        Path hanging = Files.writeString(dir.resolve("nft"), "#!/bin/sh\nexec sleep 30\n");
        Files.setPosixFilePermissions(hanging, PosixFilePermissions.fromString("rwx------"));
        long start = System.nanoTime();
        ProxyException failure = assertThrows(ProxyException.class,
                () -> new NftCommand(hanging.toString(), Duration.ofMillis(300)).apply(""));
        assertTrue(failure.getMessage().contains("did not finish"), failure.getMessage());
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }
}

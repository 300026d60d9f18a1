package org.kybern.apiserver.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokenFilterTest {

    @Test
    void aChangedTokenFileIsPickedUpWithinASecondNotLookedAtOnEveryRequest() throws Exception {
        Path file = tempDir.resolve("tokens.csv");
        Files.writeString(file, "old-token,alice,1\n", StandardCharsets.UTF_8);
        AtomicLong now = new AtomicLong(-5_000_000_000L); // nanoTime may be negative
        BearerTokenFilter filter = new BearerTokenFilter(file, now::get);
        assertEquals("alice", filter.authenticate("old-token").orElseThrow().name());

        Files.writeString(file, "new-token,bob,2\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 10_000));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(BearerTokenFilter.RECHECK_MILLIS - 1));
        assertTrue(filter.authenticate("new-token").isEmpty(), "the file is not looked at again within the second");
        assertEquals("alice", filter.authenticate("old-token").orElseThrow().name());

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        assertEquals("bob", filter.authenticate("new-token").orElseThrow().name(), "read again after a second");
        assertTrue(filter.authenticate("old-token").isEmpty(), "a token taken out of the file is refused");
    }

    @TempDir
    Path tempDir;
}

package org.kybern.apiserver.internal.security;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes files whole (a reader never sees half a file), readable by the owner only when they hold secrets. */
final class PrivateFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private PrivateFiles() {
    }

    /** Writes a secret: mode 0600 from the moment the file exists. */
    static void writeSecret(Path file, byte[] content) throws IOException {
        write(file, content, OWNER_ONLY);
    }

    /** Writes something anyone may read (a certificate). */
    static void writePublic(Path file, byte[] content) throws IOException {
        write(file, content, WORLD_READABLE);
    }

    /**
     * Writes a secret only if the file does not exist yet; false if it did. Two starts racing each
     * other cannot overwrite one another's file.
     */
    static boolean createSecret(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = tempBeside(file, OWNER_ONLY);
        try {
            Files.write(temp, content);
            Files.createLink(file, temp);
            return true;
        } catch (FileAlreadyExistsException exists) {
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void write(Path file, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = tempBeside(file, permissions);
        try {
            Files.write(temp, content);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path tempBeside(Path file, Set<PosixFilePermission> permissions) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        try {
            return Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(permissions));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        }
    }
}

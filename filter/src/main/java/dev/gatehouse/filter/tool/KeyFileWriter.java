package dev.gatehouse.filter.tool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;

/**
 * Writes {@code keygen}'s files into one folder. Every file is created anew (an existing file or symbolic link is
 * removed first, never written through); private files are created readable and writable by the owner only (POSIX
 * {@code 600}) from the first byte, where the file system has POSIX permissions.
 */
final class KeyFileWriter {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path dir;

    KeyFileWriter(Path dir) {
        this.dir = dir;
    }

    /**
     * Writes a private key file.
     *
     * @return {@code true} when the file is owner-only; {@code false} when the file system has no POSIX permissions
     */
    boolean writePrivate(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.deleteIfExists(file);
        boolean ownerOnly;
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            ownerOnly = true;
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
            ownerOnly = false;
        }
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return ownerOnly;
    }

    /** Writes a public file (public key, JWKS, configuration). */
    void writePublic(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.deleteIfExists(file);
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
    }

    /** PEM armour around DER bytes: 64-character base64 lines. */
    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}

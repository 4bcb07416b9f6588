package dev.gatehouse.filter.tool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import dev.gatehouse.filter.keys.AlgorithmPolicy;
import dev.gatehouse.filter.keys.KeyLocation;
import dev.gatehouse.filter.keys.KeyParser;
import dev.gatehouse.filter.keys.KeyPurpose;

/**
 * Reads the key files named on the command line (PEM, JWK or JWKS) with {@link KeyParser}, keeping a JWK's
 * {@code kid} and {@code alg}. Problems become {@link UsageException}s naming the option and the file, never the key.
 */
final class KeyFiles {

    private KeyFiles() {
    }

    /** The one private key in {@code file} meant for {@code use} ({@code sig} or {@code enc}). */
    static KeyParser.ParsedKey privateKey(String option, String file, String use) throws UsageException {
        return single(option, file, privateKeys(option, file), use);
    }

    /** Every private key in {@code file} (a JWKS may hold several). */
    static List<KeyParser.ParsedKey> privateKeys(String option, String file) throws UsageException {
        String text = read(option, file);
        try {
            return checked(option, file, KeyParser.parse(text, KeyPurpose.DECRYPT));
        } catch (IllegalArgumentException e) {
            // KeyParser words private-key problems for decryption; here the key may be a signing key.
            throw new UsageException(option + ": " + file + ": " + e.getMessage()
                    .replace("the private decryption key", "a private key").replace(" and cannot decrypt", ""));
        }
    }

    /** The one public key in {@code file} meant for {@code use}; a private JWK yields its public half. */
    static KeyParser.ParsedKey publicKey(String option, String file, String use) throws UsageException {
        String text = read(option, file);
        try {
            return single(option, file, checked(option, file, KeyParser.parse(text, KeyPurpose.VERIFY)), use);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + file + ": " + e.getMessage());
        }
    }

    private static List<KeyParser.ParsedKey> checked(String option, String file, List<KeyParser.ParsedKey> keys)
            throws UsageException {
        for (KeyParser.ParsedKey key : keys) {
            var weakness = AlgorithmPolicy.weakness(key.key());
            if (weakness.isPresent()) {
                throw new UsageException(option + ": " + file + ": " + weakness.get());
            }
        }
        return keys;
    }

    private static KeyParser.ParsedKey single(String option, String file, List<KeyParser.ParsedKey> keys, String use)
            throws UsageException {
        List<KeyParser.ParsedKey> fitting = keys.stream().filter(k -> k.use() == null || k.use().equals(use)).toList();
        if (fitting.size() != 1) {
            throw new UsageException(option + ": " + file + " holds " + fitting.size() + " keys for use \"" + use
                    + "\"; give a file with exactly one");
        }
        return fitting.get(0);
    }

    private static String read(String option, String file) throws UsageException {
        try {
            Path path = Path.of(file);
            if (Files.size(path) > KeyLocation.MAX_BYTES) {
                throw new UsageException(option + ": " + file + " is larger than " + KeyLocation.MAX_BYTES + " bytes");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            throw new UsageException(option + ": cannot read " + file + " (" + describe(e) + ")");
        }
    }

    /** An I/O problem in a few words, without repeating the path. */
    static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

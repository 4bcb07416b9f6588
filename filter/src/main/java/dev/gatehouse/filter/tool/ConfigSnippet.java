package dev.gatehouse.filter.tool;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.gatehouse.filter.config.ConfigKeys;

/**
 * The {@code microprofile-config.properties} lines {@code keygen} writes for the API server: issuer, audience, and
 * the decryption and verification keys with absolute paths and pinned algorithms.
 */
record ConfigSnippet(String issuer, String audiences, Path decryptionKey, String keyManagementAlgorithm,
        Path verificationKeys, String signatureAlgorithm) {

    /** The properties, in the order they are written. */
    Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(ConfigKeys.ISSUER, issuer);
        properties.put(ConfigKeys.AUDIENCES, audiences);
        properties.put(ConfigKeys.DECRYPT_KEY_LOCATION, decryptionKey.toAbsolutePath().toString());
        properties.put(ConfigKeys.DECRYPT_ALGORITHM, keyManagementAlgorithm);
        properties.put(ConfigKeys.VERIFY_KEY_LOCATION, verificationKeys.toAbsolutePath().toString());
        properties.put(ConfigKeys.VERIFY_ALGORITHM, signatureAlgorithm);
        return properties;
    }

    /** The file text: a comment saying who needs which file, then the properties in {@code .properties} syntax. */
    String text() {
        StringBuilder text = new StringBuilder()
                .append("# Gatehouse: settings for the API server that validates tokens (written by keygen).\n")
                .append("# The API server needs decrypt-private.* and verify-public.*; the token issuer needs\n")
                .append("# sign-private.* and encrypt-public.*. Keep private files out of version control.\n")
                .append("# Replace the issuer and audience with your real values.\n");
        properties().forEach((name, value) -> text.append(name).append('=').append(escape(value)).append('\n'));
        return text.toString();
    }

    /** Escapes a value for {@link java.util.Properties#load}: backslashes, line breaks, non-ASCII as {@code \\uXXXX}. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (i == 0 && (c == ' ' || c == '\t')) {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

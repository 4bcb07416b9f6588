package dev.gatehouse.filter.keys;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where key text lives, as configured: an absolute file path, a {@code file:} URL, {@code classpath:name} or a
 * relative name (looked up on the application's class path, as MP-JWT does), or an {@code https:} URL.
 */
public sealed interface KeyLocation {

    /** Largest key file accepted. */
    int MAX_BYTES = 1 << 20;

    /** A local file or class-path resource, read once at deployment. */
    record Local(String description, Reader reader) implements KeyLocation {
        /** Reads the key text. */
        public String read() throws IOException {
            return reader.read();
        }
    }

    /** A URL fetched at runtime and refreshed. */
    record Remote(URI uri) implements KeyLocation {
    }

    /** Reads a local location's bytes. */
    @FunctionalInterface
    interface Reader {
        String read() throws IOException;
    }

    /**
     * Parses a configured location.
     *
     * @param allowHttp whether plain {@code http:} URLs are allowed (a dangerous switch, off by default)
     * @throws IllegalArgumentException for malformed locations and refused schemes
     */
    static KeyLocation parse(String location, ClassLoader loader, boolean allowHttp) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https:") || lower.startsWith("http:")) {
            URI uri = uri(location);
            if (lower.startsWith("http:") && !allowHttp) {
                throw new IllegalArgumentException("http: locations are refused (keys could be replaced in transit); use https:");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("URL has no host");
            }
            return new Remote(uri);
        }
        if (lower.startsWith("file:")) {
            Path path = Path.of(uri(location));
            return new Local("file " + path, () -> readFile(path));
        }
        if (lower.startsWith("classpath:") || !location.startsWith("/")) {
            String name = lower.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
            String resource = name.startsWith("/") ? name.substring(1) : name;
            return new Local("class-path resource " + resource, () -> readResource(loader, resource));
        }
        Path path = Path.of(location);
        return new Local("file " + path, () -> readFile(path));
    }

    private static URI uri(String location) {
        try {
            return new URI(location);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL");
        }
    }

    private static String readFile(Path path) throws IOException {
        if (Files.size(path) > MAX_BYTES) {
            throw new IOException("larger than " + MAX_BYTES + " bytes");
        }
        return Files.readString(path, StandardCharsets.UTF_8);
    }

    private static String readResource(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("not found on the class path");
            }
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException("larger than " + MAX_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}

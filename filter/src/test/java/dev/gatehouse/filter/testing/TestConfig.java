package dev.gatehouse.filter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import dev.gatehouse.filter.config.FallbackConfigReader;
import dev.gatehouse.filter.config.FilterSettings;
import dev.gatehouse.filter.config.SettingsLoader;
import dev.gatehouse.filter.token.Jose4jTokenValidator;
import dev.gatehouse.filter.token.TokenValidator;
import dev.gatehouse.filter.web.RequestGate;

/**
 * Configuration as a user writes it: properties, with key files written to a temporary folder. Defaults match
 * {@link TestTokens}.
 */
public final class TestConfig {

    private final Path dir;
    private final Map<String, String> properties = new HashMap<>();

    private TestConfig(Path dir) {
        this.dir = dir;
        properties.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        properties.put("mp.jwt.verify.audiences", TestTokens.AUDIENCE);
        properties.put("mp.jwt.decrypt.key.location", file("decrypt.jwk", TestKeys.privateJwk(TestKeys.RSA_ENC)));
        properties.put("mp.jwt.verify.publickey.location", file("verify.jwk", TestKeys.publicJwk(TestKeys.RSA_SIG)));
    }

    /** Defaults in {@code dir} (a JUnit {@code @TempDir}). */
    public static TestConfig in(Path dir) {
        return new TestConfig(dir);
    }

    /** Sets a property; {@code null} removes it. */
    public TestConfig with(String name, String value) {
        if (value == null) {
            properties.remove(name);
        } else {
            properties.put(name, value);
        }
        return this;
    }

    /** Writes {@code content} to a file in the folder and returns its absolute path. */
    public String file(String name, String content) {
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, content);
            return file.toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, String> properties() {
        return Map.copyOf(properties);
    }

    public FilterSettings settings() {
        return new SettingsLoader(FallbackConfigReader.of(properties, Map.of())).load();
    }

    /** The validator exactly as the filter builds it. */
    public TokenValidator validator() {
        return Jose4jTokenValidator.create(settings(), getClass().getClassLoader(), Clock.systemUTC());
    }

    public RequestGate gate() {
        return RequestGate.from(settings(), getClass().getClassLoader(), Clock.systemUTC());
    }
}

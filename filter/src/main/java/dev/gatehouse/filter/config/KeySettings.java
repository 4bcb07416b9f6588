package dev.gatehouse.filter.config;

import java.time.Duration;
import java.util.Set;

/**
 * Where keys come from and which algorithms they may serve.
 *
 * @param keyManagementAlgorithms configured {@code alg} values for the JWE; empty means the default per key type
 */
public record KeySettings(KeyReference decryption, Set<String> keyManagementAlgorithms, KeyReference verification,
        Set<String> signatureAlgorithms, Duration refreshInterval, Duration minRefreshInterval, Duration httpTimeout,
        boolean allowHttp) {

    public KeySettings {
        keyManagementAlgorithms = Set.copyOf(keyManagementAlgorithms);
        signatureAlgorithms = Set.copyOf(signatureAlgorithms);
    }

    /**
     * A configured key: either a location or an inline value.
     *
     * @param property the property it came from, for error messages
     */
    public record KeyReference(String property, String value, boolean inline) {

        @Override
        public String toString() {
            return inline ? property + "=<inline key>" : property + "=" + value;
        }
    }
}

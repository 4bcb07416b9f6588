package dev.gatehouse.filter.config;

import java.util.Set;

/** Limits and switches for the JOSE layers, checked before any cryptography. */
public record JoseSettings(Set<String> contentAlgorithms, int maxTokenSize, int maxHeaderSize,
        boolean allowCompression, boolean acceptSignedOnly) {

    public JoseSettings {
        contentAlgorithms = Set.copyOf(contentAlgorithms);
        if (maxTokenSize < 256) {
            throw new ConfigException(ConfigKeys.MAX_TOKEN_SIZE, "must be at least 256");
        }
        if (maxHeaderSize < 64 || maxHeaderSize > maxTokenSize) {
            throw new ConfigException(ConfigKeys.MAX_HEADER_SIZE, "must be between 64 and the maximum token size");
        }
    }
}

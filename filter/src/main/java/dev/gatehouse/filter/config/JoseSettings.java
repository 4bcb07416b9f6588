package dev.gatehouse.filter.config;

import java.util.Set;

/**
 * Limits and switches for the JOSE layers: what is checked before any cryptography, and how many validated tokens
 * are remembered so that their cryptography is not redone.
 *
 * @param cacheSize entries in the cache of validated tokens; {@code 0} for none
 */
public record JoseSettings(Set<String> contentAlgorithms, int maxTokenSize, int maxHeaderSize,
        boolean allowCompression, boolean acceptSignedOnly, int cacheSize) {

    public JoseSettings {
        contentAlgorithms = Set.copyOf(contentAlgorithms);
        if (maxTokenSize < 256) {
            throw new ConfigException(ConfigKeys.MAX_TOKEN_SIZE, "must be at least 256");
        }
        if (maxHeaderSize < 64 || maxHeaderSize > maxTokenSize) {
            throw new ConfigException(ConfigKeys.MAX_HEADER_SIZE, "must be between 64 and the maximum token size");
        }
        if (cacheSize < 0) {
            throw new ConfigException(ConfigKeys.TOKEN_CACHE_SIZE, "must not be negative (0 turns the cache off)");
        }
    }
}

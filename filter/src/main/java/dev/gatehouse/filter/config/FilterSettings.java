package dev.gatehouse.filter.config;

import java.util.List;
import java.util.Objects;

import dev.gatehouse.filter.authz.AccessRule;
import dev.gatehouse.filter.authz.PathPattern;
import dev.gatehouse.filter.logging.AuditSettings;
import dev.gatehouse.filter.token.TokenTransport;

/**
 * The whole, validated configuration of one application's enabled filter, built once at deployment by
 * {@link SettingsLoader}. Immutable.
 */
public record FilterSettings(List<String> urlPatterns, List<PathPattern> publicPaths,
        List<AccessRule> rules, String realm, TokenTransport transport, ClaimSettings claims, JoseSettings jose,
        KeySettings keys, TrustedProxies trustedProxies, AuditSettings audit) {

    public FilterSettings {
        urlPatterns = List.copyOf(urlPatterns);
        publicPaths = List.copyOf(publicPaths);
        rules = List.copyOf(rules);
        if (!realm.chars().allMatch(c -> c >= 0x20 && c <= 0x7e && c != '"' && c != '\\')) {
            throw new ConfigException(ConfigKeys.REALM, "may contain only printable ASCII without '\"' and '\\'");
        }
        Objects.requireNonNull(transport);
        Objects.requireNonNull(trustedProxies);
        Objects.requireNonNull(audit);
    }
}

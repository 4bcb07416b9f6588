package dev.gatehouse.filter.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What the claims of an accepted token must say.
 *
 * @param tokenAge longest time since {@code iat}, or {@code null} for no limit
 * @param roleMap group-to-role map applied to the groups (and scopes) of every token; {@link RoleMap#NONE} for none
 */
public record ClaimSettings(String issuer, Set<String> audiences, Duration clockSkew, Duration tokenAge,
        Duration maxLifetime, Set<String> requiredClaims, Profile profile, String groupsPath, boolean groupsFromScope,
        RoleMap roleMap) {

    public ClaimSettings {
        if (issuer == null || issuer.isBlank()) {
            throw new ConfigException(ConfigKeys.ISSUER, "is required");
        }
        audiences = Set.copyOf(audiences);
        if (audiences.isEmpty()) {
            throw new ConfigException(ConfigKeys.AUDIENCES, "is required (at least one audience)");
        }
        Objects.requireNonNull(clockSkew);
        Objects.requireNonNull(maxLifetime);
        Objects.requireNonNull(profile);
        Objects.requireNonNull(roleMap);
        requiredClaims = Set.copyOf(requiredClaims);
        if (groupsPath == null || groupsPath.isBlank() || groupsPath.startsWith(".") || groupsPath.endsWith(".")) {
            throw new ConfigException(ConfigKeys.GROUPS_PATH, "must be a claim name or a dot-separated path");
        }
    }
}

package dev.gatehouse.filter.config;

import java.util.Set;

/** Which access-token profile the claims must follow ({@link ConfigKeys#PROFILE}). */
public enum Profile {
    /** MicroProfile JWT: {@code typ} absent, {@code JWT} or {@code at+jwt}; principal from upn, preferred_username or sub. */
    MP_JWT("mp-jwt", Set.of()),
    /** RFC 9068 JWT access tokens: {@code typ} {@code at+jwt}; {@code sub}, {@code client_id}, {@code jti} required. */
    RFC9068("rfc9068", Set.of("sub", "client_id", "jti"));

    private final String configValue;
    private final Set<String> requiredClaims;

    Profile(String configValue, Set<String> requiredClaims) {
        this.configValue = configValue;
        this.requiredClaims = requiredClaims;
    }

    /** Claims this profile requires beyond exp, iat, iss and aud. */
    public Set<String> requiredClaims() {
        return requiredClaims;
    }

    /** The profile named {@code value} in configuration. */
    public static Profile of(String value) {
        for (Profile p : values()) {
            if (p.configValue.equalsIgnoreCase(value)) {
                return p;
            }
        }
        throw new ConfigException(ConfigKeys.PROFILE, "unknown value '" + value + "'; use mp-jwt or rfc9068");
    }
}

package dev.gatehouse.filter.testing;

import dev.gatehouse.filter.tool.TokenMinter;

/** Token minters preset to match {@link TestConfig}'s defaults, so a test states only what it changes. */
public final class TestTokens {

    public static final String ISSUER = "https://idp.test/realms/gatehouse";
    public static final String AUDIENCE = "gatehouse-api";

    private TestTokens() {
    }

    /** A valid token for alice (groups user), RS256 inside RSA-OAEP-256/A256GCM with the test keys. */
    public static TokenMinter valid() {
        return signedOnly().encryptFor(TestKeys.RSA_ENC.getPublicKey(), "RSA-OAEP-256", "A256GCM",
                TestKeys.RSA_ENC.getKeyId());
    }

    /** Like {@link #valid()} without an encryption key set: call {@code signed()} for a bare JWS. */
    public static TokenMinter signedOnly() {
        return TokenMinter.forSubject("alice").issuer(ISSUER).audience(AUDIENCE).groups("user")
                .signWith(TestKeys.RSA_SIG.getPrivateKey(), "RS256", TestKeys.RSA_SIG.getKeyId());
    }
}

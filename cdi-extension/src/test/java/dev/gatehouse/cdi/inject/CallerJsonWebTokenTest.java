package dev.gatehouse.cdi.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.testing.Tokens;

class CallerJsonWebTokenTest {

    private final JsonWebToken alice = CallerJsonWebToken.of(Optional.of(Tokens.alice()));
    private final JsonWebToken nobody = CallerJsonWebToken.of(Optional.empty());

    @Test
    void gettersWhenCallerThenStandardClaims() {
        assertEquals("alice@example.com", alice.getName());
        assertEquals("u-123", alice.getSubject());
        assertEquals("https://issuer.example", alice.getIssuer());
        assertEquals("token-1", alice.getTokenID());
        assertEquals(Tokens.EXP, alice.getExpirationTime());
        assertEquals(Tokens.IAT, alice.getIssuedAtTime());
        assertEquals(Tokens.ALICE_RAW_TOKEN, alice.getRawToken());
        assertEquals(Tokens.ALICE_RAW_TOKEN, alice.getClaim(Claims.raw_token));
    }

    @Test
    void getAudienceWhenAudIsStringThenOneElementSet() {
        assertEquals(Set.of("orders-api"), alice.getAudience());
        assertEquals(Set.of("orders-api"), alice.getClaim("aud"));
    }

    @Test
    void getAudienceWhenAudIsArrayThenSet() {
        JsonWebToken jwt = of(Map.of("aud", List.of("a", "b")));
        assertEquals(Set.of("a", "b"), jwt.getAudience());
    }

    @Test
    void getGroupsIsCallersRolesAlsoWhenTheyComeFromAnotherClaim() {
        JsonWebToken jwt = CallerJsonWebToken.of(Optional.of(
                Tokens.with("bob", Set.of("reader"), Map.of("realm_access", Map.of("roles", List.of("reader"))))));
        assertEquals(Set.of("reader"), jwt.getGroups());
        assertEquals(Set.of("reader"), jwt.getClaim(Claims.groups));
        assertTrue(jwt.getClaimNames().contains("groups"));
    }

    @Test
    void getClaimWhenStandardClaimThenJavaTypeOfClaimsEnum() {
        assertEquals(Long.valueOf(Tokens.EXP), alice.getClaim("exp"));
        assertEquals(Boolean.TRUE, alice.getClaim("email_verified"));
        assertEquals(Set.of("buyer", "admin"), alice.getClaim("groups"));
        assertEquals("alice@example.com", alice.getClaim(Claims.upn));
    }

    @Test
    void getClaimWhenStandardObjectClaimThenJsonObject() {
        JsonWebToken jwt = of(Map.of("address", Map.of("country", "NL")));
        JsonObject address = jwt.getClaim(Claims.address);
        assertEquals("NL", address.getString("country"));
    }

    @Test
    void getClaimWhenCustomStringThenString() {
        assertEquals("hello", alice.getClaim("customString"));
    }

    @Test
    void getClaimWhenCustomNumbersThenJsonNumber() {
        JsonNumber integer = alice.getClaim("customInteger");
        JsonNumber decimal = alice.getClaim("customDouble");
        assertEquals(42L, integer.longValueExact());
        assertEquals(3.25, decimal.doubleValue());
    }

    @Test
    void getClaimWhenCustomBooleanOrNullThenJsonValueConstants() {
        assertSame(JsonValue.TRUE, alice.getClaim("customBoolean"));
        assertSame(JsonValue.NULL, alice.getClaim("customNull"));
        assertTrue(alice.containsClaim("customNull"));
    }

    @Test
    void getClaimWhenCustomArrayThenJsonArray() {
        JsonArray array = alice.getClaim("customArray");
        assertEquals(List.of("a", "b"), array.getValuesAs(jakarta.json.JsonString::getString));
    }

    @Test
    void getClaimWhenNestedObjectThenJsonObjectAllTheWayDown() {
        JsonObject object = alice.getClaim("customObject");
        JsonObject tenant = object.getJsonObject("tenant");
        assertEquals(7, tenant.getInt("id"));
        assertEquals("r2", tenant.getJsonArray("roles").getString(1));
    }

    @Test
    void getClaimWhenStandardClaimHasAnotherJsonTypeThenNull() {
        JsonWebToken jwt = of(Map.of("email_verified", "yes", "iat", "yesterday"));
        assertNull(jwt.getClaim("email_verified"));
        assertFalse(jwt.containsClaim("email_verified"));
        assertEquals(0, jwt.getIssuedAtTime());
    }

    @Test
    void getClaimWhenWholeNumberSentAsDecimalThenLong() {
        assertEquals(Long.valueOf(1_000), of(Map.of("auth_time", 1000.0)).getClaim(Claims.auth_time));
    }

    @Test
    void getClaimWhenMissingThenNull() {
        assertNull(alice.getClaim("nope"));
        assertNull(alice.getClaim(Claims.nbf));
        assertEquals(Optional.empty(), alice.claim("nope"));
    }

    @Test
    void getClaimNamesListsClaimsRawTokenAndGroupsUnmodifiable() {
        Set<String> names = alice.getClaimNames();
        assertTrue(names.containsAll(Set.of("iss", "sub", "customObject", "customNull", "raw_token", "groups")));
        assertThrows(UnsupportedOperationException.class, () -> names.add("x"));
    }

    @Test
    void emptyWhenNoCaller() {
        assertNull(nobody.getName());
        assertEquals(Set.of(), nobody.getClaimNames());
        assertNull(nobody.getClaim("sub"));
        assertNull(nobody.getSubject());
        assertNull(nobody.getRawToken());
        assertEquals(Set.of(), nobody.getGroups());
        assertEquals(Set.of(), nobody.getAudience());
        assertEquals(0, nobody.getExpirationTime());
        assertEquals(0, nobody.getIssuedAtTime());
        assertFalse(nobody.containsClaim("sub"));
    }

    @Test
    void toStringShowsNeitherTokenNorClaims() {
        String text = alice.toString();
        assertFalse(text.contains(Tokens.ALICE_RAW_TOKEN), text);
        for (String value : List.of("alice", "u-123", "issuer.example", "hello", "buyer", "orders-api")) {
            assertFalse(text.contains(value), text);
        }
        assertEquals("JsonWebToken[no caller]", nobody.toString());
    }

    private static JsonWebToken of(Map<String, Object> claims) {
        return CallerJsonWebToken.of(Optional.of(Tokens.with("bob", Set.of(), claims)));
    }
}

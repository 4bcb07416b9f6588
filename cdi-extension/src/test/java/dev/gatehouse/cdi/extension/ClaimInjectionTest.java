package dev.gatehouse.cdi.extension;

import static java.util.Arrays.asList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.Claims;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.testing.Containers;
import dev.gatehouse.cdi.testing.Tokens;
import dev.gatehouse.filter.token.ValidatedToken;
import dev.gatehouse.filter.web.CurrentCaller;

/** One test per injection kind; each test method is one request, the caller bound before the bean is first used. */
@EnableWeld
@SuppressWarnings("try") // the caller binding is used for its scope, not referenced
class ClaimInjectionTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(Strings.class, Longs.class, Booleans.class, Sets.class,
                    Missing.class, ClaimValues.class, Optionals.class, JsonTypes.class, Names.class))
            .activate(RequestScoped.class)
            .build();

    @RequestScoped
    static class Strings {
        @Inject @Claim("customString") String custom;
        @Inject @Claim(standard = Claims.raw_token) String rawToken;
        @Inject @Claim("customInteger") String numberClaim;

        List<String> values() {
            return asList(custom, rawToken, numberClaim);
        }
    }

    @RequestScoped
    static class Longs {
        @Inject @Claim(standard = Claims.iat) Long iat;
        @Inject @Claim("exp") long exp;

        List<Long> values() {
            return asList(iat, exp);
        }
    }

    @RequestScoped
    static class Booleans {
        @Inject @Claim(standard = Claims.email_verified) Boolean emailVerified;
        @Inject @Claim("customBoolean") boolean custom;

        List<Boolean> values() {
            return asList(emailVerified, custom);
        }
    }

    @RequestScoped
    static class Sets {
        @Inject @Claim("groups") Set<String> groups;
        @Inject @Claim(standard = Claims.aud) Set<String> audience;
        @Inject @Claim("customArray") Set<String> custom;

        List<Set<String>> values() {
            return List.of(groups, audience, custom);
        }
    }

    @RequestScoped
    static class Missing {
        @Inject @Claim("missing") String string;
        @Inject @Claim("missing") long primitiveLong;
        @Inject @Claim("missing") boolean primitiveBoolean;
        @Inject @Claim("missing") JsonObject object;

        List<Object> values() {
            return asList(string, primitiveLong, primitiveBoolean, object);
        }
    }

    @RequestScoped
    static class ClaimValues {
        @Inject @Claim(standard = Claims.sub) ClaimValue<String> subject;
        @Inject @Claim("missing") ClaimValue<Optional<Long>> missing;
        @Inject @Claim("auth_time") ClaimValue<Optional<Long>> authTime;
        @SuppressWarnings("rawtypes")
        @Inject @Claim("customInteger") ClaimValue untyped;
        @SuppressWarnings("rawtypes")
        @Inject @Claim("iat") ClaimValue untypedStandard;

        List<ClaimValue<?>> values() {
            return List.of(subject, missing, authTime, untyped, untypedStandard);
        }
    }

    @RequestScoped
    static class Optionals {
        @Inject @Claim(standard = Claims.jti) Optional<String> jti;
        @Inject @Claim("missing") Optional<String> missing;
        @Inject @Claim("customObject") Optional<JsonObject> object;
        @Inject @Claim("customNull") Optional<String> jsonNull;

        List<Optional<?>> values() {
            return List.of(jti, missing, object, jsonNull);
        }
    }

    @RequestScoped
    static class JsonTypes {
        @Inject @Claim("customString") JsonString string;
        @Inject @Claim(standard = Claims.iat) JsonNumber number;
        @Inject @Claim("customDouble") JsonNumber decimal;
        @Inject @Claim("aud") JsonArray audience;
        @Inject @Claim("customObject") JsonObject object;
        @Inject @Claim("customBoolean") JsonValue bool;
        @Inject @Claim("customNull") JsonValue jsonNull;

        List<JsonValue> values() {
            return List.of(string, number, decimal, audience, object, bool, jsonNull);
        }
    }

    @RequestScoped
    static class Names {
        @Inject @Claim(standard = Claims.preferred_username) String byStandard;
        @Inject @Claim("preferred_username") String byValue;
        @Inject @Claim(value = "preferred_username", standard = Claims.preferred_username) String byBoth;

        List<String> values() {
            return List.of(byStandard, byValue, byBoth);
        }
    }

    @Test
    void injectsStringAndNullWhenClaimIsNoString() {
        try (var caller = CurrentCaller.bind(Tokens.alice())) {
            assertEquals(asList("hello", Tokens.ALICE_RAW_TOKEN, null),
                    weld.select(Strings.class).get().values());
        }
    }

    @Test
    void injectsLongAndPrimitiveLong() {
        try (var caller = CurrentCaller.bind(Tokens.alice())) {
            assertEquals(List.of(Tokens.IAT, Tokens.EXP), weld.select(Longs.class).get().values());
        }
    }

    @Test
    void injectsBooleanAndPrimitiveBoolean() {
        try (var caller = CurrentCaller.bind(Tokens.alice())) {
            assertEquals(List.of(true, true), weld.select(Booleans.class).get().values());
        }
    }

    @Test
    void injectsSetOfStringsAlsoFromSingleStringAud() {
        try (var caller = CurrentCaller.bind(Tokens.alice())) {
            assertEquals(List.of(Set.of("buyer", "admin"), Set.of("orders-api"), Set.of("a", "b")),
                    weld.select(Sets.class).get().values());
        }
    }

    @Test
    void injectsNullZeroOrFalseWhenClaimMissing() {
        try (var caller = CurrentCaller.bind(Tokens.alice())) {
            assertEquals(asList(null, 0L, false, null), weld.select(Missing.class).get().values());
        }
    }

    @Test
    void injectsClaimValueWithNameAndValue() {
        try (var caller = CurrentCaller.bind(Tokens.with("bob", Set.of(), Map.of("auth_time", 77L)))) {
            List<ClaimValue<?>> values = weld.select(ClaimValues.class).get().values();
            assertEquals("sub", values.get(0).getName());
            assertEquals("bob", values.get(0).getValue());
            assertEquals(Optional.empty(), values.get(1).getValue());
            assertEquals(Optional.of(77L), values.get(2).getValue());
        }
    }

    @Test
    void injectsRawClaimValueTypedAsJsonWebTokenGetClaim() {
        try (var caller = CurrentCaller.bind(Tokens.alice())) {
            List<ClaimValue<?>> values = weld.select(ClaimValues.class).get().values();
            assertEquals(42L, ((JsonNumber) values.get(3).getValue()).longValueExact());
            assertEquals(Tokens.IAT, values.get(4).getValue());
        }
    }

    @Test
    void injectsOptionalPresent() {
        try (var caller = CurrentCaller.bind(Tokens.alice())) {
            List<Optional<?>> values = weld.select(Optionals.class).get().values();
            assertEquals(Optional.of("token-1"), values.get(0));
            assertEquals(7, ((JsonObject) values.get(2).orElseThrow()).getJsonObject("tenant").getInt("id"));
        }
    }

    @Test
    void injectsOptionalEmptyWhenClaimMissingOrJsonNull() {
        try (var caller = CurrentCaller.bind(Tokens.alice())) {
            List<Optional<?>> values = weld.select(Optionals.class).get().values();
            assertEquals(Optional.empty(), values.get(1));
            assertEquals(Optional.empty(), values.get(3));
        }
    }

    @Test
    void injectsJsonValueKinds() {
        try (var caller = CurrentCaller.bind(Tokens.alice())) {
            List<JsonValue> values = weld.select(JsonTypes.class).get().values();
            assertEquals("hello", ((JsonString) values.get(0)).getString());
            assertEquals(Tokens.IAT, ((JsonNumber) values.get(1)).longValueExact());
            assertEquals(3.25, ((JsonNumber) values.get(2)).doubleValue());
            assertEquals("orders-api", ((JsonArray) values.get(3)).getString(0), "a single aud is a 1-element array");
            assertEquals("r1", ((JsonObject) values.get(4)).getJsonObject("tenant").getJsonArray("roles").getString(0));
            assertSame(JsonValue.TRUE, values.get(5));
            assertSame(JsonValue.NULL, values.get(6));
        }
    }

    @Test
    void standardNameAndValueNameInjectSameClaim() {
        ValidatedToken token = Tokens.with("bob", Set.of(), Map.of("preferred_username", "bobby"));
        try (var caller = CurrentCaller.bind(token)) {
            assertEquals(List.of("bobby", "bobby", "bobby"), weld.select(Names.class).get().values());
        }
    }

    @Test
    void injectsAbsentValuesWithoutCaller() {
        assertEquals(asList(null, null, null), weld.select(Strings.class).get().values());
        List<Optional<?>> optionals = weld.select(Optionals.class).get().values();
        assertTrue(optionals.stream().allMatch(Optional::isEmpty));
        List<ClaimValue<?>> claimValues = weld.select(ClaimValues.class).get().values();
        assertNull(claimValues.get(0).getValue());
        assertEquals(List.of(0L, false), List.of(weld.select(Longs.class).get().values().get(1),
                weld.select(Booleans.class).get().values().get(1)));
        assertEquals("ClaimValue[sub]", claimValues.get(0).toString(), "names the claim, never the value");
    }
}

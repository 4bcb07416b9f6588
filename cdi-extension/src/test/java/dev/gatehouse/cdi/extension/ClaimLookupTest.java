package dev.gatehouse.cdi.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimLiteral;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.Claims;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.testing.Containers;
import dev.gatehouse.cdi.testing.Tokens;
import dev.gatehouse.filter.web.CurrentCaller;

/** Claims read when asked for: Provider, Instance and ClaimValue in a long-lived bean, and programmatic lookup. */
@EnableWeld
@SuppressWarnings("try") // the caller binding is used for its scope, not referenced
class ClaimLookupTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(Lookups.class)).build();

    @ApplicationScoped
    static class Lookups {
        @Inject @Claim(standard = Claims.sub) Provider<String> subject;
        @Inject @Claim("customInteger") Instance<Long> number;
        @Inject @Claim("sub") ClaimValue<String> subjectValue;

        String subject() {
            return subject.get();
        }

        Long number() {
            return number.get();
        }

        String subjectValue() {
            return subjectValue.getValue();
        }
    }

    @Test
    void providerInApplicationScopedBeanReadsCallerOfEachCall() {
        Lookups lookups = weld.select(Lookups.class).get();
        try (var caller = CurrentCaller.bind(Tokens.alice())) {
            assertEquals("u-123", lookups.subject());
        }
        try (var caller = CurrentCaller.bind(Tokens.with("bob", Set.of(), Map.of()))) {
            assertEquals("bob", lookups.subject());
        }
        assertNull(lookups.subject(), "no caller");
    }

    @Test
    void instanceInApplicationScopedBeanReadsCallerOfEachCall() {
        Lookups lookups = weld.select(Lookups.class).get();
        try (var caller = CurrentCaller.bind(Tokens.alice())) {
            assertEquals(42L, lookups.number());
        }
        try (var caller = CurrentCaller.bind(Tokens.with("bob", Set.of(), Map.of("customInteger", 7L)))) {
            assertEquals(7L, lookups.number());
        }
    }

    @Test
    void claimValueInApplicationScopedBeanReadsCallerOfEachCall() {
        Lookups lookups = weld.select(Lookups.class).get();
        try (var caller = CurrentCaller.bind(Tokens.alice())) {
            assertEquals("u-123", lookups.subjectValue());
        }
        try (var caller = CurrentCaller.bind(Tokens.with("bob", Set.of(), Map.of()))) {
            assertEquals("bob", lookups.subjectValue());
        }
    }

    @Test
    void selectsClaimProgrammaticallyWithClaimLiteral() {
        try (var caller = CurrentCaller.bind(Tokens.alice())) {
            assertEquals("u-123", weld.select(String.class, new ClaimLiteral(Claims.sub)).get());
            assertEquals(Optional.of(42L), weld.select(new TypeLiteral<Optional<Long>>() { },
                    new ClaimLiteral("customInteger")).get());
        }
    }

    @Test
    void programmaticLookupWithoutClaimNameFailsNamingTheProblem() {
        var lookup = weld.select(String.class, new ClaimLiteral());
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, lookup::get);
        assertEquals("@Claim needs a claim name (value or standard)", failure.getMessage());
    }
}

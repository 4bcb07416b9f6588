package dev.gatehouse.cdi.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.SessionScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import jakarta.json.JsonObject;

import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.inject.ClaimInjectionRules;
import dev.gatehouse.cdi.testing.Containers;

/** Each broken bean must fail deployment with a message naming class and member; the fine ones must deploy. */
class ClaimInjectionDeploymentTest {

    private static final String OUTER = ClaimInjectionDeploymentTest.class.getName();

    @RequestScoped
    static class NoName {
        @Inject @Claim String customer;
    }

    @RequestScoped
    static class TwoNames {
        @Inject @Claim(value = "exp", standard = Claims.iat) Long time;
    }

    @RequestScoped
    static class DoubleClaim {
        @Inject @Claim("score") Double score;
    }

    @RequestScoped
    static class ListClaim {
        @Inject @Claim("roles") List<String> roles;
    }

    @RequestScoped
    static class OptionalOfInteger {
        @Inject @Claim("count") Optional<Integer> count;
    }

    @ApplicationScoped
    static class ApplicationScopedString {
        @Inject @Claim("sub") String subject;
    }

    @SessionScoped
    static class SessionScopedLong implements Serializable {
        private static final long serialVersionUID = 1L;
        @Inject @Claim(standard = Claims.iat) Long issuedAt;
    }

    @Singleton
    static class SingletonSet {
        @Inject @Claim("groups") java.util.Set<String> groups;
    }

    @ApplicationScoped
    static class ApplicationScopedOptionalAndJson {
        @Inject @Claim("sub") Optional<String> subject;
        @Inject @Claim("customObject") JsonObject object;
    }

    @ApplicationScoped
    static class ManyProblems {
        @Inject @Claim String unnamed;
        @Inject @Claim("score") Double score;
        @Inject @Claim("sub") String subject;
    }

    @Dependent
    static class ParameterProblems {
        @Inject
        ParameterProblems(@Claim String unnamed) {
        }

        @Inject
        void init(@Claim("score") Double score) {
        }
    }

    @ApplicationScoped
    static class ApplicationScopedDeferred {
        @Inject @Claim("sub") ClaimValue<String> subject;
        @Inject @Claim(standard = Claims.iat) Provider<Long> issuedAt;
        @Inject @Claim("groups") Instance<Optional<java.util.Set<String>>> groups;
        @Inject JsonWebToken jwt;
    }

    @SessionScoped
    static class SessionScopedClaimValue implements Serializable {
        private static final long serialVersionUID = 1L;
        @Inject @Claim("sub") ClaimValue<String> subject;
    }

    @RequestScoped
    static class SameNameTwice {
        @Inject @Claim(value = "iat", standard = Claims.iat) Long issuedAt;
    }

    @Dependent
    static class DependentString {
        @Inject @Claim("sub") String subject;
    }

    @Test
    void failsWhenClaimHasNoName() {
        assertEquals(OUTER + "$NoName#customer: @Claim needs a claim name (value or standard)",
                onlyProblem(NoName.class));
    }

    @Test
    void failsWhenValueAndStandardNameDifferentClaims() {
        assertEquals(OUTER + "$TwoNames#time: @Claim value \"exp\" and standard iat name different claims",
                onlyProblem(TwoNames.class));
    }

    @Test
    void failsWhenTypeIsNoMpJwtClaimType() {
        for (Class<?> bean : List.of(DoubleClaim.class, ListClaim.class, OptionalOfInteger.class)) {
            String problem = onlyProblem(bean);
            assertTrue(problem.startsWith(bean.getName() + "#"), problem);
            assertTrue(problem.contains(": @Claim cannot inject "), problem);
        }
        assertTrue(onlyProblem(OptionalOfInteger.class).contains("cannot inject Optional<Integer>; use String, Long"));
    }

    @Test
    void failsWhenRawValueInjectedIntoApplicationScopedBean() {
        assertEquals(OUTER + "$ApplicationScopedString#subject: @Claim String is read once, when the "
                + "@ApplicationScoped bean is created, and would serve every later caller; inject ClaimValue<String>, "
                + "Provider<String> or Instance<String>, or make the bean @RequestScoped",
                onlyProblem(ApplicationScopedString.class));
    }

    @Test
    void failsWhenRawValueInjectedIntoSessionScopedBean() {
        String problem = onlyProblem(SessionScopedLong.class);
        assertTrue(problem.startsWith(OUTER + "$SessionScopedLong#issuedAt: @Claim Long is read once, when the "
                + "@SessionScoped bean"), problem);
    }

    @Test
    void failsWhenRawValueInjectedIntoSingleton() {
        String problem = onlyProblem(SingletonSet.class);
        assertTrue(problem.startsWith(OUTER + "$SingletonSet#groups: @Claim Set<String> is read once, when the "
                + "@Singleton bean"), problem);
    }

    @Test
    void failsWhenOptionalOrJsonValueInjectedIntoApplicationScopedBean() {
        String message = deploymentFailure(ApplicationScopedOptionalAndJson.class);
        assertTrue(message.contains("$ApplicationScopedOptionalAndJson#subject: @Claim Optional<String> is read once"),
                message);
        assertTrue(message.contains("$ApplicationScopedOptionalAndJson#object: @Claim JsonObject is read once"),
                message);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String message = deploymentFailure(ManyProblems.class, NoName.class);
        for (String expected : List.of("$ManyProblems#unnamed: @Claim needs a claim name",
                "$ManyProblems#score: @Claim cannot inject Double", "$ManyProblems#subject: @Claim String is read once",
                "$NoName#customer: @Claim needs a claim name")) {
            assertTrue(message.contains(OUTER + expected), message);
        }
    }

    @Test
    void namesConstructorAndMethodParameters() {
        String message = deploymentFailure(ParameterProblems.class);
        assertTrue(message.contains(OUTER + "$ParameterProblems#<init>(parameter 0): @Claim needs a claim name"),
                message);
        assertTrue(message.contains(OUTER + "$ParameterProblems#init(parameter 0): @Claim cannot inject Double"),
                message);
    }

    @Test
    void deploysClaimValueProviderInstanceAndJsonWebTokenInApplicationScopedBean() {
        assertDeploys(ApplicationScopedDeferred.class);
    }

    @Test
    void deploysClaimValueInSessionScopedBean() {
        assertDeploys(SessionScopedClaimValue.class);
    }

    @Test
    void deploysWhenValueAndStandardNameSameClaim() {
        assertDeploys(SameNameTwice.class);
    }

    @Test
    void deploysRawValueInDependentBeanWithWarningNamingMember() {
        Logger logger = Logger.getLogger(ClaimInjectionRules.class.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            assertDeploys(DependentString.class);
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(1, records.size());
        assertEquals(Level.WARNING, records.get(0).getLevel());
        assertTrue(records.get(0).getMessage().startsWith(OUTER + "$DependentString#subject: @Claim String is read "
                + "once, when the @Dependent bean is created"), records.get(0).getMessage());
    }

    @Test
    void serviceFileRegistersExtension() {
        assertTrue(ServiceLoader.load(Extension.class).stream()
                .anyMatch(provider -> provider.type() == TokenInjectionExtension.class));
    }

    /** The message of the failed deployment of {@code beans}. */
    private static String deploymentFailure(Class<?>... beans) {
        Weld weld = Containers.weld(beans);
        DefinitionException failure = assertThrows(DefinitionException.class, () -> weld.initialize().shutdown());
        return failure.getMessage();
    }

    /** The one problem the deployment of {@code bean} reports (Weld adds its own prefix and list numbering). */
    private static String onlyProblem(Class<?> bean) {
        String message = deploymentFailure(bean);
        int start = message.indexOf(bean.getName() + "#");
        assertTrue(start >= 0, message);
        String problem = message.substring(start).strip();
        int end = problem.indexOf('\n');
        return end < 0 ? problem : problem.substring(0, end).strip();
    }

    private static void assertDeploys(Class<?>... beans) {
        WeldContainer container = Containers.weld(beans).initialize();
        try {
            assertFalse(container.select(beans[0]).isUnsatisfied());
        } finally {
            container.shutdown();
        }
    }
}

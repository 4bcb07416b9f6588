package dev.gatehouse.filter.web;

import java.time.Clock;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;

import dev.gatehouse.filter.authz.AuthorizationDecision;
import dev.gatehouse.filter.authz.PathRules;
import dev.gatehouse.filter.authz.Route;
import dev.gatehouse.filter.authz.RouteTable;
import dev.gatehouse.filter.config.FilterSettings;
import dev.gatehouse.filter.keys.KeysUnavailableException;
import dev.gatehouse.filter.token.BearerTokenExtractor;
import dev.gatehouse.filter.token.Jose4jTokenValidator;
import dev.gatehouse.filter.token.Rejection;
import dev.gatehouse.filter.token.TokenRejectedException;
import dev.gatehouse.filter.token.TokenValidator;
import dev.gatehouse.filter.token.ValidatedToken;

/**
 * Decides one request: path check, token extraction, validation, path rules. Has no servlet response in hand, so
 * every outcome is a value the filter turns into a response.
 */
public final class RequestGate {

    private static final Logger LOG = Logger.getLogger(RequestGate.class.getName());

    /** What to do with a request. */
    public sealed interface Outcome permits Pass, Reject, AmbiguousPath, Unavailable {
    }

    /** Let it through, as {@code request} (wrapped when a token was accepted). */
    public record Pass(HttpServletRequest request, String ruleId) implements Outcome {
    }

    /**
     * Refuse with the rejection's RFC 6750 reason.
     *
     * @param token the accepted token when the refusal is by a rule or annotation ({@code null} otherwise)
     */
    public record Reject(Rejection rejection, String ruleId, ValidatedToken token) implements Outcome {

        Reject(Rejection rejection, String ruleId) {
            this(rejection, ruleId, null);
        }
    }

    /** Refuse with 400: the request URI could be read two ways. */
    public record AmbiguousPath() implements Outcome {
    }

    /** Refuse with 503: keys cannot be had right now. */
    public record Unavailable() implements Outcome {
    }

    private final BearerTokenExtractor extractor;
    private final TokenValidator validator;
    private final PathRules rules;
    private final RouteTable routes;

    public RequestGate(BearerTokenExtractor extractor, TokenValidator validator, PathRules rules) {
        this(extractor, validator, rules, RouteTable.EMPTY);
    }

    private RequestGate(BearerTokenExtractor extractor, TokenValidator validator, PathRules rules,
            RouteTable routes) {
        this.extractor = extractor;
        this.validator = validator;
        this.rules = rules;
        this.routes = routes;
    }

    /** This gate with the routes of the application's security annotations, which take precedence over the rules. */
    public RequestGate withRoutes(RouteTable table) {
        return new RequestGate(extractor, validator, rules, table);
    }

    /**
     * Builds the gate for validated settings: loads keys and builds the validator once.
     *
     * @throws dev.gatehouse.filter.config.ConfigException when a key cannot be used
     */
    public static RequestGate from(FilterSettings settings, ClassLoader loader, Clock clock) {
        TokenValidator validator = Jose4jTokenValidator.create(settings, loader, clock);
        return new RequestGate(new BearerTokenExtractor(settings.transport()), validator,
                new PathRules(settings.publicPaths(), settings.rules()));
    }

    /**
     * Decides a request. An annotated route decides first: {@code @PermitAll} serves it like a public path,
     * {@code @DenyAll} and {@code @RolesAllowed} need a caller with the role. A request no annotation covers is decided
     * by the configured public paths and rules.
     */
    public Outcome decide(HttpServletRequest request) {
        Optional<String> path = RequestPath.of(request);
        if (path.isEmpty()) {
            return new AmbiguousPath();
        }
        Optional<Route> route = routes.isEmpty() ? Optional.empty()
                : routes.match(servletName(request), request.getMethod(), path.get())
                        .filter(r -> r.annotation().isPresent());
        boolean isPublic = route.isPresent() ? !route.get().constraint().needsCaller() : rules.isPublic(path.get());
        String publicId = route.map(Route::element).orElse("public");
        try {
            Optional<String> token = extractor.extract(request);
            if (token.isEmpty()) {
                return isPublic ? new Pass(request, publicId)
                        : new Reject(Rejection.MISSING, route.map(Route::element).orElse(null));
            }
            ValidatedToken validated = validator.validate(token.get());
            HttpServletRequest authenticated = new AuthenticatedRequest(request, validated);
            if (isPublic) {
                return new Pass(authenticated, publicId);
            }
            if (route.isPresent()) {
                return route.get().constraint().permits(validated.groups())
                        ? new Pass(authenticated, route.get().element())
                        : new Reject(Rejection.FORBIDDEN_BY_RULE, route.get().element(), validated);
            }
            AuthorizationDecision decision = rules.decide(request.getMethod(), path.get(), validated.groups());
            return decision.granted() ? new Pass(authenticated, decision.ruleId())
                    : new Reject(Rejection.FORBIDDEN_BY_RULE, decision.ruleId(), validated);
        } catch (TokenRejectedException e) {
            return new Reject(e.rejection(), null);
        } catch (KeysUnavailableException e) {
            LOG.log(Level.FINE, "Request refused: keys unavailable");
            return new Unavailable();
        } catch (RuntimeException e) {
            // A token that trips an unexpected failure is still refused, as invalid, never served as a 500. The
            // exception class is logged (it points at a bug); its message is not, since it may quote the token.
            LOG.severe(() -> "Gatehouse refused a token after an unexpected " + e.getClass().getName()
                    + "; please report it");
            return new Reject(Rejection.MALFORMED, null);
        }
    }

    private static String servletName(HttpServletRequest request) {
        HttpServletMapping mapping = request.getHttpServletMapping();
        return mapping == null ? null : mapping.getServletName();
    }
}

package dev.gatehouse.filter.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.gatehouse.filter.authz.AccessDeniedException;
import dev.gatehouse.filter.token.Reason;

/**
 * The servlet filter Gatehouse registers: asks the {@link RequestGate} and either continues the chain, with the caller
 * bound as {@link CurrentCaller}, or writes the refusal through {@link BearerChallenge}. When it starts it adds the
 * routes of the application's security annotations ({@link AnnotatedRoutes}). An {@link AccessDeniedException} from
 * the application (Gatehouse's interceptor on a bean method) becomes the same 401/403 as the filter's own refusals.
 */
public final class BearerAuthFilter extends HttpFilter {

    private transient RequestGate gate;
    private final transient BearerChallenge challenge;

    public BearerAuthFilter(RequestGate gate, BearerChallenge challenge) {
        this.gate = gate;
        this.challenge = challenge;
    }

    @Override
    public void init() throws ServletException {
        gate = gate.withRoutes(AnnotatedRoutes.of(getServletContext()));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestGate.Outcome outcome = gate.decide(request);
        if (outcome instanceof RequestGate.Pass pass) {
            try (CurrentCaller.Binding caller = pass.request() instanceof AuthenticatedRequest authenticated
                    ? CurrentCaller.bind(authenticated.token()) : null) {
                chain.doFilter(pass.request(), response);
            } catch (IOException | ServletException | RuntimeException e) {
                AccessDeniedException denied = AnnotatedRoutes.accessDenied(e);
                if (denied == null || response.isCommitted()) {
                    throw e;
                }
                response.reset();
                challenge.reject(response, denied.authenticated() ? Reason.FORBIDDEN : Reason.MISSING);
            }
        } else if (outcome instanceof RequestGate.Reject reject) {
            challenge.reject(response, reject.rejection().reason());
        } else if (outcome instanceof RequestGate.AmbiguousPath) {
            challenge.ambiguousPath(response);
        } else {
            challenge.unavailable(response);
        }
    }
}

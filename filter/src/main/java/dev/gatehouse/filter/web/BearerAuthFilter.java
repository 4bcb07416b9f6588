package dev.gatehouse.filter.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The servlet filter Gatehouse registers: asks the {@link RequestGate} and either continues the chain or writes the
 * refusal through {@link BearerChallenge}. All logic lives in those two.
 */
public final class BearerAuthFilter extends HttpFilter {

    private final transient RequestGate gate;
    private final transient BearerChallenge challenge;

    public BearerAuthFilter(RequestGate gate, BearerChallenge challenge) {
        this.gate = gate;
        this.challenge = challenge;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestGate.Outcome outcome = gate.decide(request);
        if (outcome instanceof RequestGate.Pass pass) {
            if (pass.request() instanceof AuthenticatedRequest authenticated) {
                try (CurrentCaller.Binding caller = CurrentCaller.bind(authenticated.token())) {
                    chain.doFilter(pass.request(), response);
                }
            } else {
                chain.doFilter(pass.request(), response);
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

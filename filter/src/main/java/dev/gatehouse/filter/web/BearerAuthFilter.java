package dev.gatehouse.filter.web;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.gatehouse.filter.authz.AccessDeniedException;
import dev.gatehouse.filter.config.TrustedProxies;
import dev.gatehouse.filter.logging.AuditLog;
import dev.gatehouse.filter.token.Reason;

/**
 * The servlet filter Gatehouse registers: asks the {@link RequestGate} and either continues the chain, with the caller
 * bound as {@link CurrentCaller}, or writes the refusal through {@link BearerChallenge}; either way it returns the
 * request id and leaves one audit event ({@link AuditRecorder}), when the response is complete. When it starts it adds
 * the routes of the application's security annotations ({@link AnnotatedRoutes}). An {@link AccessDeniedException}
 * from the application (Gatehouse's interceptor on a bean method) becomes the same 401/403 as the filter's own.
 */
public final class BearerAuthFilter extends HttpFilter {

    private transient RequestGate gate;
    private final transient BearerChallenge challenge;
    private final transient AuditRecorder audit;

    /** Without audit events (tests of the decisions alone). */
    BearerAuthFilter(RequestGate gate, BearerChallenge challenge) {
        this(gate, challenge, new AuditRecorder(AuditLog.NONE, TrustedProxies.NONE, Clock.systemUTC()));
    }

    BearerAuthFilter(RequestGate gate, BearerChallenge challenge, AuditRecorder audit) {
        this.gate = gate;
        this.challenge = challenge;
        this.audit = audit;
    }

    @Override
    public void init() throws ServletException {
        gate = gate.withRoutes(AnnotatedRoutes.of(getServletContext()));
    }

    @Override
    public void destroy() {
        audit.close();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        AuditRecorder.Start start = audit.start(request);
        response.setHeader(RequestIds.HEADER, start.requestId());
        RequestGate.Outcome outcome = gate.decide(request);
        if (!(outcome instanceof RequestGate.Pass pass)) {
            refuse(response, outcome);
            audit.record(start, request, response, outcome, null);
            return;
        }
        AccessDeniedException denied = null;
        int status = -1;
        try (CurrentCaller.Binding caller = pass.request() instanceof AuthenticatedRequest authenticated
                ? CurrentCaller.bind(authenticated.token()) : null) {
            chain.doFilter(pass.request(), response);
        } catch (IOException | ServletException | RuntimeException e) {
            denied = AnnotatedRoutes.accessDenied(e);
            if (denied == null || response.isCommitted()) {
                status = 500;
                throw e;
            }
            response.reset();
            response.setHeader(RequestIds.HEADER, start.requestId());
            challenge.reject(response, denied.authenticated() ? Reason.FORBIDDEN : Reason.MISSING);
        } finally {
            finish(start, request, response, outcome, denied, status);
        }
    }

    private void refuse(HttpServletResponse response, RequestGate.Outcome outcome) throws IOException {
        if (outcome instanceof RequestGate.Reject reject) {
            challenge.reject(response, reject.rejection().reason());
        } else if (outcome instanceof RequestGate.AmbiguousPath) {
            challenge.ambiguousPath(response);
        } else {
            challenge.unavailable(response);
        }
    }

    /** Records now, or when an asynchronous request completes (its status is known only then). */
    private void finish(AuditRecorder.Start start, HttpServletRequest request, HttpServletResponse response,
            RequestGate.Outcome outcome, AccessDeniedException denied, int status) {
        if (status < 0 && request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    audit.record(start, request, response, outcome, denied);
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                }

                @Override
                public void onError(AsyncEvent event) {
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                    event.getAsyncContext().addListener(this);
                }
            });
        } else {
            audit.record(start, request, status < 0 ? response.getStatus() : status, outcome, denied);
        }
    }
}

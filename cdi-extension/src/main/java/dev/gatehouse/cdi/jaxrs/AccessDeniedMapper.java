package dev.gatehouse.cdi.jaxrs;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import dev.gatehouse.filter.authz.AccessDeniedException;
import dev.gatehouse.filter.token.Reason;
import dev.gatehouse.filter.web.BearerChallenge;

/**
 * Answers an {@link AccessDeniedException} from a resource (Gatehouse's interceptor on a protected bean method) with
 * the filter's own 401 challenge or 403 {@code insufficient_scope}, instead of the JAX-RS runtime logging it as an
 * unhandled error. Without it the exception still reaches the filter, which answers the same.
 */
@Provider
public final class AccessDeniedMapper implements ExceptionMapper<AccessDeniedException> {

    @Context
    private ServletContext servletContext;

    @Override
    public Response toResponse(AccessDeniedException exception) {
        Reason reason = exception.authenticated() ? Reason.FORBIDDEN : Reason.MISSING;
        Object challenge = servletContext == null ? null : servletContext.getAttribute(BearerChallenge.CONTEXT_ATTRIBUTE);
        if (!(challenge instanceof BearerChallenge bearer)) {
            return Response.status(reason.status()).build();
        }
        return Response.status(reason.status())
                .header(HttpHeaders.WWW_AUTHENTICATE, bearer.header(reason))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .type(BearerChallenge.problemMediaType())
                .entity(bearer.problem(reason))
                .build();
    }
}

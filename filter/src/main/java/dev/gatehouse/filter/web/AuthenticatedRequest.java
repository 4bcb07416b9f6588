package dev.gatehouse.filter.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import dev.gatehouse.filter.token.ValidatedToken;

/**
 * The request as the application sees it after a token was accepted: the principal is the {@link ValidatedToken}
 * (with all claims), roles come from its groups, and the token is also a request attribute.
 */
public final class AuthenticatedRequest extends HttpServletRequestWrapper {

    /** {@link #getAuthType()} of requests authenticated by Gatehouse. */
    public static final String AUTH_TYPE = "Bearer";

    private final ValidatedToken token;

    public AuthenticatedRequest(HttpServletRequest request, ValidatedToken token) {
        super(request);
        this.token = token;
        request.setAttribute(ValidatedToken.REQUEST_ATTRIBUTE, token);
    }

    /** The accepted token. */
    public ValidatedToken token() {
        return token;
    }

    @Override
    public Principal getUserPrincipal() {
        return token;
    }

    @Override
    public String getRemoteUser() {
        return token.getName();
    }

    /** {@code "**"} means any authenticated caller (Servlet 6 §13.3); other names must be among the token's groups. */
    @Override
    public boolean isUserInRole(String role) {
        return role != null && (role.equals("**") || token.groups().contains(role));
    }

    @Override
    public String getAuthType() {
        return AUTH_TYPE;
    }
}

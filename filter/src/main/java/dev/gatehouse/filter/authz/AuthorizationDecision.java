package dev.gatehouse.filter.authz;

import java.util.Set;

/**
 * The outcome of the path rules for one authenticated request.
 *
 * @param ruleId the rule that decided, or {@code authenticated} when no rule matched
 */
public record AuthorizationDecision(boolean granted, String ruleId, Set<String> requiredRoles) {

    public AuthorizationDecision {
        requiredRoles = Set.copyOf(requiredRoles);
    }

    public static AuthorizationDecision permit(String ruleId) {
        return new AuthorizationDecision(true, ruleId, Set.of());
    }

    public static AuthorizationDecision deny(String ruleId, Set<String> roles) {
        return new AuthorizationDecision(false, ruleId, roles);
    }
}

package dev.gatehouse.sample;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A service-layer bean whose method is protected by its own annotation: callers need role {@code auditor} even when the
 * endpoint that calls it lets any authenticated caller in (Gatehouse's CDI interceptor).
 */
@ApplicationScoped
public class ReportService {

    @RolesAllowed("auditor")
    public String report(String id) {
        return "report " + id;
    }
}

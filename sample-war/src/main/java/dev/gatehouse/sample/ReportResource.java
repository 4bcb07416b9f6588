package dev.gatehouse.sample;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/reports/{id}}: any authenticated caller reaches the resource, but {@link ReportService#report} needs
 * role {@code auditor}; others get 403 {@code insufficient_scope} from the interceptor.
 */
@Path("/reports/{id}")
@RequestScoped
public class ReportResource {

    @Inject
    ReportService reports;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String get(@PathParam("id") String id) {
        return Json.createObjectBuilder().add("report", reports.report(id)).build().toString();
    }
}

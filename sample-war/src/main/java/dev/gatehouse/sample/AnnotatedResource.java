package dev.gatehouse.sample;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Security declared where the code is (gatehouse-cdi): {@code GET /api/annotated/ops} needs role {@code ops}
 * (class annotation), {@code GET /api/annotated/open} is public although the configuration protects {@code /api/*}
 * (method annotation beats class annotation, annotations beat configured rules). {@code GET
 * /api/annotated/open/report} is public too, but the {@link ReportService} method it calls is not: an anonymous caller
 * gets 401, a caller without role {@code auditor} 403.
 */
@Path("/annotated")
@RequestScoped
@RolesAllowed("ops")
public class AnnotatedResource {

    @Inject
    ReportService reports;

    @GET
    @Path("ops")
    @Produces(MediaType.APPLICATION_JSON)
    public String ops(@Context SecurityContext security) {
        return Json.createObjectBuilder().add("ops", Callers.token(security).getName()).build().toString();
    }

    @GET
    @Path("open")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public String open(@Context SecurityContext security) {
        return Json.createObjectBuilder().add("open", true)
                .add("authenticated", security.getUserPrincipal() != null).build().toString();
    }

    @GET
    @Path("open/report")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public String openReport() {
        return Json.createObjectBuilder().add("report", reports.report("public")).build().toString();
    }
}

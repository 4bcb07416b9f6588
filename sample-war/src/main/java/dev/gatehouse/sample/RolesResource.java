package dev.gatehouse.sample;

import java.security.Principal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code GET /api/roles/{role}}: whether the caller has {@code role}, asked of the Servlet request and of the JAX-RS
 * {@link SecurityContext}, which must agree on every server.
 */
@Path("/roles/{role}")
@RequestScoped
public class RolesResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String role(@PathParam("role") String role, @Context HttpServletRequest request,
            @Context SecurityContext security) {
        Principal principal = security.getUserPrincipal();
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("role", role)
                .add("servlet", request.isUserInRole(role))
                .add("jaxrs", security.isUserInRole(role));
        return JsonResponses.addNullable(json, "principal", principal == null ? null : principal.getName())
                .build().toString();
    }
}

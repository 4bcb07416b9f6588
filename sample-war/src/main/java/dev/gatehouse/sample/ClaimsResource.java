package dev.gatehouse.sample;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code GET /api/claims}: the caller's token through MicroProfile JWT injection (gatehouse-cdi), as
 * {@code {"name":..., "issuer":..., "subject":..., "groups":[...], "tenant":...|null, "audience":[...]}}.
 */
@Path("/claims")
@RequestScoped
public class ClaimsResource {

    @Inject
    JsonWebToken jwt;

    @Inject
    @Claim(standard = Claims.iss)
    String issuer;

    @Inject
    @Claim(standard = Claims.sub)
    ClaimValue<String> subject;

    @Inject
    @Claim("groups")
    Set<String> groups;

    @Inject
    @Claim("tenant")
    Optional<String> tenant;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String claims() {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("name", jwt.getName())
                .add("issuer", issuer)
                .add("subject", subject.getValue())
                .add("groups", Json.createArrayBuilder(groups.stream().sorted().toList()))
                .add("audience", Json.createArrayBuilder(jwt.getAudience().stream().sorted().toList()));
        JsonResponses.addNullable(json, "tenant", tenant.orElse(null));
        return json.build().toString();
    }
}

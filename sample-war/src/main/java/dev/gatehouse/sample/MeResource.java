package dev.gatehouse.sample;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import dev.gatehouse.filter.token.ValidatedToken;

/** {@code GET /api/me}: any authenticated caller; {@code {"sub":..., "name":..., "groups":[...], "exp":<epoch s>}}. */
@Path("/me")
@RequestScoped
public class MeResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String me(@Context SecurityContext security) {
        ValidatedToken token = Callers.token(security);
        JsonObjectBuilder json = Json.createObjectBuilder();
        JsonResponses.addNullable(json, "sub", token.subject());
        json.add("name", token.getName());
        json.add("groups", Json.createArrayBuilder(token.groups().stream().sorted().toList()));
        json.add("exp", token.expiresAt().getEpochSecond());
        return json.build().toString();
    }
}

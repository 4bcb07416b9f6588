package dev.gatehouse.it.app;

import java.io.StringReader;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gatehouse.cdi.ai.client.Model;
import dev.gatehouse.cdi.ai.client.ModelCallException;
import dev.gatehouse.cdi.ai.client.ModelClient;

/**
 * Application code that calls a model through an injected {@code @Model("chat") ModelClient}, added to a copy of the
 * sample (it serves under the sample's {@code /api}). Takes {@code {"message": ...}}, answers {@code {"text": ...}},
 * or, streamed, {@code {"chunks": [...]}}; a {@link ModelCallException} becomes its status and
 * {@code {"error": <type>, "code": <code>}}.
 * <p>
 * {@code @RequestScoped} is what makes it a CDI bean: the sample is an "annotated" bean archive (its Tomcat WAR's
 * {@code beans.xml}, implicitly on WildFly and Payara), so a class without a bean-defining annotation gets no injection.
 */
@Path("/it/model")
@RequestScoped
public class ModelClientResource {

    @Inject
    @Model("chat")
    ModelClient chat;

    /** One blocking call with the message as the user's. */
    @POST
    @Path("complete")
    @Produces(MediaType.APPLICATION_JSON)
    public Response complete(String body) {
        try {
            return ok(Json.createObjectBuilder().add("text", chat.complete(message(body))).build());
        } catch (ModelCallException e) {
            return failed(e);
        }
    }

    /** One streamed call: every chunk the client handed over, in order. */
    @POST
    @Path("stream")
    @Produces(MediaType.APPLICATION_JSON)
    public Response stream(String body) {
        JsonArrayBuilder chunks = Json.createArrayBuilder();
        JsonObject request = Json.createObjectBuilder().add("messages", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("role", "user").add("content", message(body)))).build();
        try {
            chat.stream(request, chunks::add);
        } catch (ModelCallException e) {
            return failed(e);
        }
        return ok(Json.createObjectBuilder().add("chunks", chunks).build());
    }

    private static String message(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject().getString("message");
        }
    }

    private static Response ok(JsonObject body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON).build();
    }

    private static Response failed(ModelCallException e) {
        JsonObject error = Json.createObjectBuilder().add("error", e.type())
                .add("code", e.code() == null ? "" : e.code()).build();
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(error.toString()).build();
    }
}

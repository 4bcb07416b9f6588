package dev.gatehouse.cdi.ai.prompt;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.gatehouse.cdi.ai.web.AuditFields;
import dev.gatehouse.cdi.ai.web.ChatException;
import dev.gatehouse.cdi.ai.web.ChatService;
import dev.gatehouse.cdi.ai.web.OpenAiErrors;
import dev.gatehouse.cdi.json.Json;
import dev.gatehouse.filter.authz.AccessDeniedException;
import dev.gatehouse.filter.authz.RouteConstraint;
import dev.gatehouse.filter.token.ValidatedToken;
import dev.gatehouse.filter.web.CurrentCaller;

/**
 * One {@link PromptEndpoint}: checks the type's security annotation against the current caller (refusals become the
 * filter's 401/403), fills the template from the JSON body (400 naming missing variables) and calls the alias through
 * the gateway.
 */
public final class PromptServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 256 * 1024;

    private final transient ChatService chats;
    private final transient String element;
    private final transient PromptEndpoint endpoint;
    private final transient PromptTemplate user;
    private final transient PromptTemplate system;
    private final transient RouteConstraint constraint;

    PromptServlet(ChatService chats, Class<?> type, PromptEndpoint endpoint, RouteConstraint constraint) {
        this.chats = chats;
        this.element = type.getName();
        this.endpoint = endpoint;
        this.user = new PromptTemplate(endpoint.template());
        this.system = new PromptTemplate(endpoint.system());
        this.constraint = constraint;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<ValidatedToken> caller = CurrentCaller.token();
        if (constraint != null && !constraint.permits(caller.map(ValidatedToken::groups).orElse(java.util.Set.of()))
                || constraint != null && constraint.needsCaller() && caller.isEmpty()) {
            throw new AccessDeniedException(caller.isPresent(), element);
        }
        Map<String, String> values;
        try {
            values = values(request);
        } catch (IllegalArgumentException e) {
            error(response, 400, e.getMessage(), null);
            return;
        }
        List<String> missing = new java.util.ArrayList<>(user.missing(values));
        system.missing(values).stream().filter(m -> !missing.contains(m)).forEach(missing::add);
        if (!missing.isEmpty()) {
            error(response, 400, "Missing template variables: " + String.join(", ", missing), "missing_variables");
            return;
        }
        JsonArrayBuilder messages = Json.createArrayBuilder();
        if (!endpoint.system().isEmpty()) {
            messages.add(Json.createObjectBuilder().add("role", "system").add("content", system.render(values)));
        }
        messages.add(Json.createObjectBuilder().add("role", "user").add("content", user.render(values)));
        var chat = Json.createObjectBuilder().add("model", endpoint.model()).add("messages", messages);
        if (endpoint.maxTokens() > 0) {
            chat.add("max_tokens", endpoint.maxTokens());
        }
        try {
            JsonObject answer = chats.complete(caller, chat.build(), AuditFields.of(request)).response();
            JsonObject message = answer.getJsonArray("choices").getJsonObject(0).getJsonObject("message");
            var out = Json.createObjectBuilder()
                    .add("output", message.get("content") instanceof JsonString text ? text.getString() : "")
                    .add("model", endpoint.model());
            if (answer.get("usage") instanceof JsonObject usage) {
                out.add("usage", usage);
            }
            write(response, 200, out.build());
        } catch (ChatException e) {
            error(response, e.error().status(), e.error().message(), e.code());
        }
    }

    private static Map<String, String> values(HttpServletRequest request) throws IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new IllegalArgumentException("The request body is too large");
        }
        JsonObject json;
        try {
            json = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The request body must be a JSON object of template variables");
        }
        Map<String, String> values = new HashMap<>();
        json.forEach((name, value) -> {
            if (value instanceof JsonString text) {
                values.put(name, text.getString());
            } else if (value instanceof JsonNumber || value == JsonValue.TRUE || value == JsonValue.FALSE) {
                values.put(name, value.toString());
            } else {
                throw new IllegalArgumentException("Template variable '" + name + "' must be a string, number or boolean");
            }
        });
        return values;
    }

    private static void error(HttpServletResponse response, int status, String message, String code)
            throws IOException {
        OpenAiErrors.write(response, status, status == 400 ? "invalid_request_error" : "api_error", message, code,
                null);
    }

    private static void write(HttpServletResponse response, int status, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body.toString());
    }
}

package dev.gatehouse.cdi.ai.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.gatehouse.cdi.ai.routing.RoutedStream;
import dev.gatehouse.cdi.json.Json;
import dev.gatehouse.filter.token.ValidatedToken;
import dev.gatehouse.filter.web.CurrentCaller;

/**
 * The OpenAI-style API under the configured base path: {@code POST .../chat/completions} (blocking or
 * {@code "stream": true}), {@code GET .../models} (the aliases the caller may use), {@code GET .../usage} (the caller's
 * own usage) and {@code GET .../usage/all} (everyone's, for the usage admin role). HTTP only: the calls themselves are
 * {@link ChatService}'s. The caller is the one Gatehouse's filter accepted; the caller's token is never forwarded.
 */
public final class ChatCompletionsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Response header saying whether a cacheable call was answered from the cache ({@code hit}) or not. */
    static final String CACHE_HEADER = "X-Gatehouse-Cache";

    private final transient ChatService chats;

    public ChatCompletionsServlet(ChatService chats) {
        this.chats = chats;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<ValidatedToken> caller = CurrentCaller.token();
        String path = request.getPathInfo();
        if ("/models".equals(path)) {
            JsonArrayBuilder data = Json.createArrayBuilder();
            chats.aliases(caller).forEach(name -> data.add(Json.createObjectBuilder().add("id", name)
                    .add("object", "model").add("created", 0).add("owned_by", "gatehouse")));
            writeJson(response, Json.createObjectBuilder().add("object", "list").add("data", data).build());
        } else if ("/usage".equals(path)) {
            writeJson(response, chats.ledger().report(caller.map(t -> t.subject() != null ? t.subject() : t.getName())
                    .orElse("anonymous")));
        } else if ("/usage/all".equals(path)) {
            String adminRole = chats.settings().usageAdminRole();
            if (caller.map(t -> t.groups().contains(adminRole)).orElse(false)) {
                writeJson(response, chats.ledger().reportAll());
            } else {
                OpenAiErrors.write(response, 403, "permission_error",
                        "Reading every caller's usage needs the role " + adminRole, "forbidden", null);
            }
        } else {
            OpenAiErrors.write(response, 404, "invalid_request_error", "Unknown endpoint", "not_found", null);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/chat/completions".equals(request.getPathInfo())) {
            OpenAiErrors.write(response, 404, "invalid_request_error", "Unknown endpoint", "not_found", null);
            return;
        }
        JsonObject chat;
        try {
            chat = ChatRequests.read(request.getInputStream());
        } catch (ChatRequests.Invalid e) {
            OpenAiErrors.write(response, e.status, "invalid_request_error", e.getMessage(), null, null);
            return;
        }
        Optional<ValidatedToken> caller = CurrentCaller.token();
        try {
            if (ChatRequests.streamed(chat)) {
                stream(response, caller, chat, request);
            } else {
                ChatService.Answer answer = chats.complete(caller, chat, AuditFields.of(request));
                if (answer.cacheable()) {
                    response.setHeader(CACHE_HEADER, answer.cacheHit() ? "hit" : "miss");
                }
                writeJson(response, answer.response());
            }
        } catch (ChatException e) {
            OpenAiErrors.write(response, e.error().status(), e.error().type(), e.error().message(), e.code(),
                    e.error().retryAfter());
        }
    }

    private void stream(HttpServletResponse response, Optional<ValidatedToken> caller, JsonObject chat,
            HttpServletRequest request) throws IOException, ChatException {
        PrintWriter[] out = new PrintWriter[1];
        chats.stream(caller, chat, AuditFields.of(request), new ChatService.StreamSink() {
            @Override
            public void open() throws IOException {
                response.setStatus(200);
                response.setContentType("text/event-stream");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.setHeader("Cache-Control", "no-cache");
                response.setHeader("X-Accel-Buffering", "no");
                out[0] = response.getWriter();
            }

            @Override
            public void chunk(JsonObject chunk) {
                out[0].write("data: " + chunk + "\n\n");
            }

            @Override
            public void flush() throws IOException {
                out[0].flush();
                if (out[0].checkError()) {
                    throw new IOException("client gone");
                }
            }

            @Override
            public void ended(RoutedStream.End end) throws IOException {
                if (end == RoutedStream.End.COMPLETE) {
                    out[0].write("data: [DONE]\n\n");
                } else {
                    ChatException failure = ChatException.streamEnded(end);
                    out[0].write("data: " + OpenAiErrors.body(failure.error().type(), failure.error().message(),
                            failure.code()) + "\n\n");
                }
                flush();
            }
        });
    }

    private static void writeJson(HttpServletResponse response, JsonObject body) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body.toString());
    }
}

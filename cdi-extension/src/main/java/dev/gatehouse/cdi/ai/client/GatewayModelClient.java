package dev.gatehouse.cdi.ai.client;

import java.util.LinkedHashMap;
import java.util.function.Consumer;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import dev.gatehouse.cdi.ai.routing.RoutedStream;
import dev.gatehouse.cdi.ai.web.AiGateways;
import dev.gatehouse.cdi.ai.web.ChatException;
import dev.gatehouse.cdi.ai.web.ChatService;
import dev.gatehouse.cdi.json.Json;
import dev.gatehouse.filter.web.CurrentCaller;

/** {@link ModelClient} over the application's {@link ChatService}, found when a call is made. */
final class GatewayModelClient implements ModelClient {

    private final String alias;
    private final ClassLoader application;

    GatewayModelClient(String alias, ClassLoader application) {
        this.alias = alias;
        this.application = application;
    }

    @Override
    public String alias() {
        return alias;
    }

    @Override
    public JsonObject complete(JsonObject chat) {
        try {
            return chats().complete(CurrentCaller.token(), withAlias(chat), new LinkedHashMap<>()).response();
        } catch (ChatException e) {
            throw failure(e);
        }
    }

    @Override
    public String complete(String userMessage) {
        JsonObject chat = Json.createObjectBuilder().add("messages", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("role", "user").add("content", userMessage))).build();
        JsonArray choices = complete(chat).getJsonArray("choices");
        if (choices == null || choices.isEmpty()
                || !(choices.getJsonObject(0).getJsonObject("message").get("content") instanceof JsonString text)) {
            return "";
        }
        return text.getString();
    }

    @Override
    public void stream(JsonObject chat, Consumer<JsonObject> chunks) {
        JsonObject streamed = Json.createObjectBuilder(withAlias(chat)).add("stream", true).build();
        RoutedStream.End end;
        try {
            end = chats().stream(CurrentCaller.token(), streamed, new LinkedHashMap<>(), new ChatService.StreamSink() {
                @Override
                public void open() {
                }

                @Override
                public void chunk(JsonObject chunk) {
                    chunks.accept(chunk);
                }
            });
        } catch (ChatException e) {
            throw failure(e);
        }
        if (end != RoutedStream.End.COMPLETE) {
            throw failure(ChatException.streamEnded(end));
        }
    }

    private ChatService chats() {
        return AiGateways.of(application).orElseThrow(() -> new ModelCallException(503, "api_error",
                "The AI gateway is not configured in this application (gatehouse.ai.providers)", null));
    }

    private JsonObject withAlias(JsonObject chat) {
        return Json.createObjectBuilder(chat).add("model", alias).build();
    }

    private static ModelCallException failure(ChatException e) {
        return new ModelCallException(e.error().status(), e.error().type(), e.error().message(), e.code());
    }

    @Override
    public String toString() {
        return "ModelClient[" + alias + "]";
    }
}

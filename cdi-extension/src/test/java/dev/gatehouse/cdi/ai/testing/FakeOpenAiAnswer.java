package dev.gatehouse.cdi.ai.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.json.Json;

/**
 * A model's answer, sent as OpenAI sends it: a {@code chat.completion} object, or, when the request has
 * {@code "stream": true}, {@code chat.completion.chunk}s (role, then the content a few characters at a time, then the
 * finish reason) with, when it asked for {@code stream_options.include_usage}, {@code "usage": null} on each chunk and
 * a last chunk with {@code "choices": []} and the usage, then {@code data: [DONE]}. A stream can be held back after
 * some chunks until the test says so ({@link #holdAfter}), or broken off ({@link #cutAfter}).
 */
public final class FakeOpenAiAnswer implements FakeOpenAiReply {

    private static final AtomicLong IDS = new AtomicLong();
    private static final int PIECE = 4;

    private final String content;
    private final String function;
    private final String arguments;
    private String finishReason;
    private String servedModel;
    private JsonObject usage = usageJson(19, 10, 0, 0);
    private int holdAfter = -1;
    private CountDownLatch release;
    private int cutAfter = -1;

    private FakeOpenAiAnswer(String content, String function, String arguments, String finishReason) {
        this.content = content;
        this.function = function;
        this.arguments = arguments;
        this.finishReason = finishReason;
    }

    static FakeOpenAiAnswer text(String content) {
        return new FakeOpenAiAnswer(content, null, null, "stop");
    }

    static FakeOpenAiAnswer toolCall(String function, String argumentsJson) {
        return new FakeOpenAiAnswer(null, function, argumentsJson, "tool_calls");
    }

    /** The {@code finish_reason} as sent (any text, to play another server). */
    public FakeOpenAiAnswer finishReason(String reason) {
        this.finishReason = reason;
        return this;
    }

    /** The {@code model} the server reports (default: the request's), e.g. a dated snapshot name. */
    public FakeOpenAiAnswer servedModel(String model) {
        this.servedModel = model;
        return this;
    }

    /** The usage reported, in OpenAI's documented shape with all its details. */
    public FakeOpenAiAnswer usage(long prompt, long completion, long cached, long reasoning) {
        this.usage = usageJson(prompt, completion, cached, reasoning);
        return this;
    }

    /** No {@code usage} at all, as some local servers answer. */
    public FakeOpenAiAnswer withoutUsage() {
        this.usage = null;
        return this;
    }

    /**
     * When streamed: after the first {@code chunks} chunks, waits until the test counts {@code release} down (see
     * {@link FakeOpenAiStream#holdUntil}), so the test can see those chunks arrive while the rest is held back.
     */
    public FakeOpenAiAnswer holdAfter(int chunks, CountDownLatch release) {
        this.holdAfter = chunks;
        this.release = release;
        return this;
    }

    /**
     * When streamed: drops the connection after the first {@code chunks} chunks, as a provider that breaks off does
     * (no finish reason unless it was among them, no {@code [DONE]}). A {@link #holdAfter} at the same count comes
     * first, so the test can make sure the client read those chunks before the cut: a client may lose data that
     * arrives together with the reset.
     */
    public FakeOpenAiAnswer cutAfter(int chunks) {
        this.cutAfter = chunks;
        return this;
    }

    @Override
    public void send(HttpExchange exchange, FakeOpenAiRequest request) throws IOException {
        String id = "chatcmpl-fake" + IDS.incrementAndGet();
        long created = System.currentTimeMillis() / 1000;
        String model = servedModel != null ? servedModel : request.json().getString("model", "unknown");
        if (!request.streaming()) {
            FakeOpenAiReply.json(completion(id, created, model)).send(exchange, request);
            return;
        }
        FakeOpenAiStream script = FakeOpenAiStream.of();
        List<JsonObject> chunks = chunks(id, created, model, request.includeUsage());
        for (int sent = 0; sent <= chunks.size(); sent++) {
            if (sent == holdAfter) {
                script.holdUntil(release);
            }
            if (sent == cutAfter) {
                script.cutConnection();
                break;
            }
            if (sent < chunks.size()) {
                script.chunk(chunks.get(sent));
            } else {
                script.done();
            }
        }
        FakeOpenAiReply.stream(script).send(exchange, request);
    }

    private JsonObject completion(String id, long created, String model) {
        JsonObjectBuilder message = Json.createObjectBuilder().add("role", "assistant");
        if (function == null) {
            message.add("content", content);
        } else {
            message.addNull("content").add("tool_calls", Json.createArrayBuilder().add(toolCall(id, arguments, false)));
        }
        message.addNull("refusal").add("annotations", JsonValue.EMPTY_JSON_ARRAY);
        JsonObjectBuilder body = head(id, "chat.completion", created, model)
                .add("choices", Json.createArrayBuilder().add(Json.createObjectBuilder().add("index", 0)
                        .add("message", message).addNull("logprobs").add("finish_reason", finishReason)));
        if (usage != null) {
            body.add("usage", usage);
        }
        return body.add("service_tier", "default").build();
    }

    private List<JsonObject> chunks(String id, long created, String model, boolean includeUsage) {
        List<JsonObject> chunks = new ArrayList<>();
        JsonObjectBuilder first = Json.createObjectBuilder().add("role", "assistant");
        if (function == null) {
            first.add("content", "").addNull("refusal");
            chunks.add(chunk(id, created, model, first, null, includeUsage));
            for (int at = 0; at < content.length(); at += PIECE) {
                String piece = content.substring(at, Math.min(content.length(), at + PIECE));
                chunks.add(chunk(id, created, model, Json.createObjectBuilder().add("content", piece), null,
                        includeUsage));
            }
        } else {
            first.addNull("content").add("tool_calls", Json.createArrayBuilder().add(toolCall(id, "", true)))
                    .addNull("refusal");
            chunks.add(chunk(id, created, model, first, null, includeUsage));
            for (int at = 0; at < arguments.length(); at += PIECE) {
                String piece = arguments.substring(at, Math.min(arguments.length(), at + PIECE));
                JsonObjectBuilder call = Json.createObjectBuilder().add("index", 0)
                        .add("function", Json.createObjectBuilder().add("arguments", piece));
                chunks.add(chunk(id, created, model,
                        Json.createObjectBuilder().add("tool_calls", Json.createArrayBuilder().add(call)), null,
                        includeUsage));
            }
        }
        chunks.add(chunk(id, created, model, Json.createObjectBuilder(), finishReason, includeUsage));
        if (includeUsage && usage != null) {
            chunks.add(head(id, "chat.completion.chunk", created, model)
                    .add("choices", JsonValue.EMPTY_JSON_ARRAY).add("usage", usage).build());
        }
        return chunks;
    }

    private static JsonObject chunk(String id, long created, String model, JsonObjectBuilder delta,
            String finishReason, boolean includeUsage) {
        JsonObjectBuilder choice = Json.createObjectBuilder().add("index", 0).add("delta", delta).addNull("logprobs");
        if (finishReason == null) {
            choice.addNull("finish_reason");
        } else {
            choice.add("finish_reason", finishReason);
        }
        JsonObjectBuilder chunk = head(id, "chat.completion.chunk", created, model)
                .add("choices", Json.createArrayBuilder().add(choice));
        if (includeUsage) {
            chunk.addNull("usage");
        }
        return chunk.build();
    }

    private static JsonObjectBuilder head(String id, String object, long created, String model) {
        return Json.createObjectBuilder().add("id", id).add("object", object).add("created", created)
                .add("model", model).add("system_fingerprint", "fp_fake");
    }

    private JsonObject toolCall(String id, String argumentsPart, boolean streamed) {
        JsonObjectBuilder call = streamed ? Json.createObjectBuilder().add("index", 0) : Json.createObjectBuilder();
        return call.add("id", "call_" + id.substring("chatcmpl-".length()))
                .add("type", "function")
                .add("function", Json.createObjectBuilder().add("name", function).add("arguments", argumentsPart))
                .build();
    }

    /** OpenAI's {@code usage} object, every documented field present. */
    public static JsonObject usageJson(long prompt, long completion, long cached, long reasoning) {
        return Json.createObjectBuilder()
                .add("prompt_tokens", prompt)
                .add("completion_tokens", completion)
                .add("total_tokens", prompt + completion)
                .add("prompt_tokens_details", Json.createObjectBuilder()
                        .add("cached_tokens", cached).add("audio_tokens", 0))
                .add("completion_tokens_details", Json.createObjectBuilder()
                        .add("reasoning_tokens", reasoning).add("audio_tokens", 0)
                        .add("accepted_prediction_tokens", 0).add("rejected_prediction_tokens", 0))
                .build();
    }
}

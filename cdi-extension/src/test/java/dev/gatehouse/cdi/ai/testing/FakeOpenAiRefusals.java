package dev.gatehouse.cdi.ai.testing;

import java.util.Optional;

import jakarta.json.JsonObject;

import dev.gatehouse.cdi.json.Json;

/** The checks {@link FakeOpenAi} makes before a scripted reply, answered with OpenAI's own status and body. */
final class FakeOpenAiRefusals {

    static final String NO_KEY = "You didn't provide an API key. You need to provide your API key in an Authorization"
            + " header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank"
            + " username) if you're accessing the API from your browser and are prompted for a username and password."
            + " You can obtain an API key from https://platform.openai.com/account/api-keys.";
    static final String NOT_JSON = "We could not parse the JSON body of your request. (HINT: This likely means you"
            + " aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was"
            + " not valid JSON.)";

    private FakeOpenAiRefusals() {
    }

    static Optional<FakeOpenAiReply> of(FakeOpenAiRequest request, String apiKey) {
        if (!FakeOpenAi.CHAT_COMPLETIONS.equals(request.path()) || !"POST".equals(request.method())) {
            return refuse(404, "Invalid URL (" + request.method() + " " + request.path() + ")", null, null);
        }
        if (apiKey != null) {
            String authorization = request.header("Authorization").orElse("");
            if (authorization.isEmpty()) {
                return refuse(401, NO_KEY, null, null);
            }
            String sent = authorization.startsWith("Bearer ") ? authorization.substring(7) : authorization;
            if (!sent.equals(apiKey)) {
                return refuse(401, "Incorrect API key provided: " + masked(sent)
                        + ". You can find your API key at https://platform.openai.com/account/api-keys.", null,
                        "invalid_api_key");
            }
        }
        if (!request.parses()) {
            return refuse(400, NOT_JSON, null, null);
        }
        JsonObject body = request.json();
        if (!body.containsKey("model")) {
            return refuse(400, "you must provide a model parameter", null, null);
        }
        if (body.containsKey("stream_options") && !request.streaming()) {
            return refuse(400, "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
                    "stream_options", null);
        }
        return Optional.empty();
    }

    /** As OpenAI shows a wrong key: its start and end around stars (which is why the gateway must not relay it). */
    static String masked(String key) {
        if (key.length() <= 8) {
            return "*".repeat(key.length());
        }
        return key.substring(0, 4) + "*".repeat(key.length() - 8) + key.substring(key.length() - 4);
    }

    private static Optional<FakeOpenAiReply> refuse(int status, String message, String param, String code) {
        JsonObject error = FakeOpenAi.error("invalid_request_error", message, code);
        if (param != null) {
            error = Json.createObjectBuilder(error).add("param", param).build();
        }
        return Optional.of(FakeOpenAiReply.json(status,
                Json.createObjectBuilder().add("error", error).build()));
    }
}

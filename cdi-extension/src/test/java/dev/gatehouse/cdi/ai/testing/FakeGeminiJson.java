package dev.gatehouse.cdi.ai.testing;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Gemini API wire JSON, as documented at https://ai.google.dev/api/generate-content and seen from the live API:
 * {@code GenerateContentResponse} (candidates, finishReason, usageMetadata, modelVersion, responseId), blocked
 * prompts ({@code promptFeedback.blockReason}) and Google API errors ({@code {"error":{code,message,status,details}}}).
 */
public final class FakeGeminiJson {

    /** The {@code modelVersion} of every answer. */
    public static final String MODEL_VERSION = "gemini-2.5-flash";
    /** The {@code responseId} of every answer. */
    public static final String RESPONSE_ID = "IZI2acSKMoWl0-kPmYj2yQc";

    private FakeGeminiJson() {
    }

    /** {@code usageMetadata} of a plain model: prompt + candidates. */
    public static JsonObject usage(int prompt, int candidates) {
        return usage(prompt, candidates, 0, 0);
    }

    /** {@code usageMetadata} with thinking and cached tokens (each left out when 0, as Gemini does). */
    public static JsonObject usage(int prompt, int candidates, int thoughts, int cached) {
        JsonObjectBuilder usage = Json.createObjectBuilder()
                .add("promptTokenCount", prompt)
                .add("candidatesTokenCount", candidates)
                .add("totalTokenCount", prompt + candidates + thoughts)
                .add("promptTokensDetails", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("modality", "TEXT").add("tokenCount", prompt)));
        if (thoughts > 0) {
            usage.add("thoughtsTokenCount", thoughts);
        }
        if (cached > 0) {
            usage.add("cachedContentTokenCount", cached);
        }
        return usage.build();
    }

    /** A whole answer with one text part. */
    public static JsonObject response(String text, String finishReason, JsonObject usage) {
        return chunk(text, finishReason, usage);
    }

    /** A stream chunk holding a text delta, not finished, without usage. */
    public static JsonObject chunk(String text) {
        return chunk(text, null, null);
    }

    /** A stream chunk (or answer); {@code finishReason} and {@code usage} may be {@code null}. */
    public static JsonObject chunk(String text, String finishReason, JsonObject usage) {
        return withParts(Json.createArrayBuilder().add(Json.createObjectBuilder().add("text", text)), finishReason,
                usage);
    }

    /** An answer or chunk with the given parts (e.g. a thought summary part {@code {"text":..,"thought":true}}). */
    public static JsonObject withParts(JsonArrayBuilder parts, String finishReason, JsonObject usage) {
        JsonObjectBuilder candidate = Json.createObjectBuilder()
                .add("content", Json.createObjectBuilder().add("parts", parts).add("role", "model"));
        if (finishReason != null) {
            candidate.add("finishReason", finishReason);
        }
        candidate.add("index", 0);
        JsonObjectBuilder response = Json.createObjectBuilder()
                .add("candidates", Json.createArrayBuilder().add(candidate));
        return ending(response, usage);
    }

    /** A thought summary part, as sent with {@code thinkingConfig.includeThoughts}. */
    public static JsonObject thought(String text) {
        return Json.createObjectBuilder().add("text", text).add("thought", true).build();
    }

    /** The answer to a prompt Gemini refused to process: no candidates, {@code promptFeedback.blockReason}. */
    public static JsonObject blocked(String blockReason, JsonObject usage) {
        JsonObjectBuilder response = Json.createObjectBuilder()
                .add("promptFeedback", Json.createObjectBuilder()
                        .add("blockReason", blockReason)
                        .add("safetyRatings", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                .add("category", "HARM_CATEGORY_DANGEROUS_CONTENT")
                                .add("probability", "HIGH"))));
        return ending(response, usage);
    }

    /** A Google API error body. */
    public static JsonObject error(int code, String status, String message) {
        return Json.createObjectBuilder().add("error", Json.createObjectBuilder()
                .add("code", code).add("message", message).add("status", status)).build();
    }

    /** Gemini's answer to a wrong API key: 400 {@code INVALID_ARGUMENT} with reason {@code API_KEY_INVALID}. */
    public static JsonObject apiKeyInvalid() {
        String message = "API key not valid. Please pass a valid API key.";
        return errorWithDetails(400, "INVALID_ARGUMENT", message, Json.createArrayBuilder()
                .add(Json.createObjectBuilder()
                        .add("@type", "type.googleapis.com/google.rpc.ErrorInfo")
                        .add("reason", "API_KEY_INVALID")
                        .add("domain", "googleapis.com")
                        .add("metadata", Json.createObjectBuilder()
                                .add("service", "generativelanguage.googleapis.com")))
                .add(Json.createObjectBuilder()
                        .add("@type", "type.googleapis.com/google.rpc.LocalizedMessage")
                        .add("locale", "en-US")
                        .add("message", message)));
    }

    /** Gemini's answer to a call without a key: 403 {@code PERMISSION_DENIED}. */
    public static JsonObject unregisteredCaller() {
        return error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without "
                + "established identity). Please use API Key or other form of API consumer identity to call this API.");
    }

    /** A quota 429 with {@code QuotaFailure}, {@code Help} and {@code RetryInfo} details ({@code retryDelay}, e.g. "47s"). */
    public static JsonObject rateLimited(String retryDelay) {
        return errorWithDetails(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan "
                + "and billing details. For more information on this error, head to: "
                + "https://ai.google.dev/gemini-api/docs/rate-limits.", Json.createArrayBuilder()
                .add(Json.createObjectBuilder()
                        .add("@type", "type.googleapis.com/google.rpc.QuotaFailure")
                        .add("violations", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                .add("quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests")
                                .add("quotaId", "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"))))
                .add(Json.createObjectBuilder()
                        .add("@type", "type.googleapis.com/google.rpc.Help")
                        .add("links", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                .add("description", "Learn more about Gemini API quotas")
                                .add("url", "https://ai.google.dev/gemini-api/docs/rate-limits"))))
                .add(Json.createObjectBuilder()
                        .add("@type", "type.googleapis.com/google.rpc.RetryInfo")
                        .add("retryDelay", retryDelay)));
    }

    private static JsonObject errorWithDetails(int code, String status, String message, JsonArrayBuilder details) {
        return Json.createObjectBuilder().add("error", Json.createObjectBuilder()
                .add("code", code).add("message", message).add("status", status).add("details", details)).build();
    }

    private static JsonObject ending(JsonObjectBuilder response, JsonObject usage) {
        if (usage != null) {
            response.add("usageMetadata", usage);
        }
        return response.add("modelVersion", MODEL_VERSION).add("responseId", RESPONSE_ID).build();
    }
}

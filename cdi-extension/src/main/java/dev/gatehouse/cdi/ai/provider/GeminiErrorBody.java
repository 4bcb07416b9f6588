package dev.gatehouse.cdi.ai.provider;

import java.io.StringReader;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.json.Json;

/**
 * The parts of a Google API error that the gateway uses:
 * {@code {"error":{"code":429,"message":"...","status":"RESOURCE_EXHAUSTED","details":[...]}}}, also accepted wrapped in
 * a one-element array (as the JSON-array stream answers it). Lenient: a body that is empty, not JSON or of another
 * shape reads as {@link #NONE}. The message is kept raw here; {@link ProviderText} makes it safe to show.
 *
 * @param code {@code error.code}, or 0
 * @param status {@code error.status} (a gRPC canonical code such as {@code INVALID_ARGUMENT}) when it is one, else
 *        {@code null}
 * @param message {@code error.message} as sent, or {@code null}
 * @param reason the {@code google.rpc.ErrorInfo} reason (e.g. {@code API_KEY_INVALID}) when it is one, else
 *        {@code null}
 * @param retryDelay the {@code google.rpc.RetryInfo} delay, or {@code null}
 * @see <a href="https://ai.google.dev/gemini-api/docs/troubleshooting">Gemini API troubleshooting</a>
 */
record GeminiErrorBody(int code, String status, String message, String reason, Duration retryDelay) {

    static final GeminiErrorBody NONE = new GeminiErrorBody(0, null, null, null, null);

    /** Larger bodies are not parsed: a real error is a few kilobytes at most. */
    private static final int MAX_PARSED_CHARS = 64 * 1024;

    private static final Pattern CANONICAL = Pattern.compile("[A-Z][A-Z_]{0,39}");
    private static final Pattern PROTO_DURATION = Pattern.compile("(\\d{1,9})(?:\\.(\\d{1,9}))?s");
    private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
    private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

    static GeminiErrorBody parse(String body) {
        if (body == null || body.isBlank() || body.length() > MAX_PARSED_CHARS) {
            return NONE;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() == JsonValue.ValueType.ARRAY && value.asJsonArray().size() == 1) {
                value = value.asJsonArray().get(0);
            }
            return value.getValueType() == JsonValue.ValueType.OBJECT ? of(value.asJsonObject()) : NONE;
        } catch (RuntimeException e) {
            // not JSON (JSON-P implementations also throw plain runtime exceptions, e.g. for deep nesting)
            return NONE;
        }
    }

    /** Reads the {@code error} member of an answer or stream chunk; {@link #NONE} when it has none. */
    static GeminiErrorBody of(JsonObject answer) {
        JsonValue error = answer.get("error");
        if (error == null || error.getValueType() != JsonValue.ValueType.OBJECT) {
            return NONE;
        }
        JsonObject e = error.asJsonObject();
        String reason = null;
        Duration retryDelay = null;
        JsonValue details = e.get("details");
        if (details != null && details.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue detail : details.asJsonArray()) {
                if (detail.getValueType() != JsonValue.ValueType.OBJECT) {
                    continue;
                }
                JsonObject d = detail.asJsonObject();
                String type = text(d, "@type");
                if (ERROR_INFO.equals(type) && reason == null) {
                    reason = canonical(text(d, "reason"));
                } else if (RETRY_INFO.equals(type) && retryDelay == null) {
                    retryDelay = protoDuration(text(d, "retryDelay"));
                }
            }
        }
        JsonValue code = e.get("code");
        int number = code instanceof JsonNumber n && n.isIntegral() && n.intValue() >= 0 ? n.intValue() : 0;
        return new GeminiErrorBody(number, canonical(text(e, "status")), text(e, "message"), reason, retryDelay);
    }

    /** A description safe for logs and exception messages: the code and canonical status only. */
    String describe() {
        return "code " + code + (status == null ? "" : ", " + status);
    }

    private static String text(JsonObject object, String name) {
        return object.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static String canonical(String value) {
        return value != null && CANONICAL.matcher(value).matches() ? value : null;
    }

    /** A {@code google.protobuf.Duration} in its JSON form ({@code "47s"}, {@code "0.5s"}), or {@code null}. */
    private static Duration protoDuration(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = PROTO_DURATION.matcher(value);
        if (!m.matches()) {
            return null;
        }
        long nanos = m.group(2) == null ? 0 : Long.parseLong((m.group(2) + "00000000").substring(0, 9));
        return Duration.ofSeconds(Long.parseLong(m.group(1)), nanos);
    }
}

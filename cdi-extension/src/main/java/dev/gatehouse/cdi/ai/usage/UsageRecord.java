package dev.gatehouse.cdi.ai.usage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.gatehouse.cdi.json.Json;

/**
 * One call through the gateway, for usage reports and budgets: who, which alias and target, tokens (from the
 * provider, or estimated when it reported none — {@code reported} says which), cost, latency, how it ended and every
 * attempt. Kept for failed calls too. Never the prompt or the answer.
 *
 * @param provider the target that served, or {@code null} when none did
 * @param status the HTTP status the caller got
 */
public record UsageRecord(Instant timestamp, String subject, String alias, String provider, String model,
        long promptTokens, long completionTokens, long cachedTokens, boolean reported, BigDecimal cost,
        Duration latency, int status, String end, List<String> attempts) {

    public UsageRecord {
        attempts = List.copyOf(attempts);
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("timestamp", timestamp.toString())
                .add("subject", subject)
                .add("alias", alias);
        if (provider != null) {
            json.add("provider", provider).add("model", model);
        }
        return json.add("prompt_tokens", promptTokens)
                .add("completion_tokens", completionTokens)
                .add("cached_tokens", cachedTokens)
                .add("usage_source", reported ? "provider" : "estimated")
                .add("cost", cost)
                .add("latency_ms", latency.toMillis())
                .add("status", status)
                .add("end", end)
                .add("cache_hit", "cache_hit".equals(end))
                .add("attempts", Json.createArrayBuilder(attempts))
                .build();
    }
}

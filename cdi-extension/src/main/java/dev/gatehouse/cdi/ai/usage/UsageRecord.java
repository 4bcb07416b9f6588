package dev.gatehouse.cdi.ai.usage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;

import dev.gatehouse.cdi.ai.budget.Budgets;
import dev.gatehouse.cdi.json.Json;

/**
 * One call through the gateway, for usage reports and budgets: who, which alias and target, tokens (from the
 * provider, or estimated when it reported none — {@code reported} says which), cost, latency, how it ended, every
 * attempt and the budget windows it was counted in. Kept for failed calls too. Counts only: never the prompt, the
 * answer, a token or a key.
 *
 * @param provider the target that served, or {@code null} when none did
 * @param status the HTTP status the caller got
 * @param budgets the budget windows the call was counted in (none for cache hits and callers without budgets)
 */
public record UsageRecord(Instant timestamp, String subject, String alias, String provider, String model,
        long promptTokens, long completionTokens, long cachedTokens, boolean reported, BigDecimal cost,
        Duration latency, int status, String end, List<String> attempts, List<Budgets.Window> budgets) {

    public UsageRecord {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(end, "end");
        attempts = List.copyOf(attempts);
        budgets = List.copyOf(budgets);
    }

    /** Tokens counted against budgets: prompt and completion. */
    public long budgetTokens() {
        return promptTokens + completionTokens;
    }

    public JsonObject toJson() {
        return toJson(Json.createObjectBuilder()).build();
    }

    /** Adds the record's fields to {@code json}, after what it holds already. */
    JsonObjectBuilder toJson(JsonObjectBuilder json) {
        json.add("timestamp", timestamp.toString())
                .add("subject", subject)
                .add("alias", alias);
        if (provider != null) {
            json.add("provider", provider).add("model", model);
        }
        JsonArrayBuilder windows = Json.createArrayBuilder();
        budgets.forEach(w -> windows.add(Json.createObjectBuilder().add("budget", w.budget()).add("key", w.key())
                .add("minute_start", w.minuteStart().toString()).add("period_start", w.periodStart().toString())));
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
                .add("budgets", windows);
    }

    /**
     * The record {@link #toJson()} wrote. Fields it does not know are ignored; {@code cache_hit} is derived from
     * {@code end}.
     *
     * @throws RuntimeException ({@link ClassCastException}, {@link NullPointerException},
     *     {@link java.time.format.DateTimeParseException}, {@link ArithmeticException}...) when a field is missing or
     *     has the wrong type
     */
    static UsageRecord fromJson(JsonObject json) {
        boolean served = json.containsKey("provider");
        String source = json.getString("usage_source");
        if (!source.equals("provider") && !source.equals("estimated")) {
            throw new IllegalArgumentException("usage_source");
        }
        List<Budgets.Window> windows = json.getJsonArray("budgets").getValuesAs(JsonObject.class).stream()
                .map(w -> new Budgets.Window(w.getString("budget"), w.getString("key"),
                        Instant.parse(w.getString("minute_start")), Instant.parse(w.getString("period_start"))))
                .toList();
        BigDecimal cost = json.getJsonNumber("cost").bigDecimalValue();
        if (cost.signum() < 0) {
            throw new IllegalArgumentException("cost");
        }
        return new UsageRecord(Instant.parse(json.getString("timestamp")), json.getString("subject"),
                json.getString("alias"), served ? json.getString("provider") : null,
                served ? json.getString("model") : null, count(json, "prompt_tokens"),
                count(json, "completion_tokens"), count(json, "cached_tokens"), source.equals("provider"), cost,
                Duration.ofMillis(count(json, "latency_ms")), json.getJsonNumber("status").intValueExact(),
                json.getString("end"), strings(json.getJsonArray("attempts")), windows);
    }

    private static long count(JsonObject json, String name) {
        long value = json.getJsonNumber(name).longValueExact();
        if (value < 0) {
            throw new IllegalArgumentException(name);
        }
        return value;
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}

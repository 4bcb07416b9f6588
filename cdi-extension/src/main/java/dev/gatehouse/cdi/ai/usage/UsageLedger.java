package dev.gatehouse.cdi.ai.usage;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.gatehouse.cdi.json.Json;

/**
 * Usage of the gateway, in memory: totals per caller and alias, and each caller's most recent calls. Since the
 * application started, or, with a {@link UsageFile}, also the calls it read back at startup. Thread-safe.
 */
public final class UsageLedger {

    /** Recent records kept per caller. */
    static final int RECENT = 50;

    private final Map<String, Caller> callers = new ConcurrentHashMap<>();
    private final Consumer<UsageRecord> journal;

    /** Keeps records in memory only. */
    public UsageLedger() {
        this(record -> { });
    }

    /** Also hands each new record to {@code journal} (a {@link UsageFile}'s writer); must not throw or block long. */
    public UsageLedger(Consumer<UsageRecord> journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    private static final class Totals {
        long calls;
        long failed;
        long promptTokens;
        long completionTokens;
        long cachedTokens;
        BigDecimal cost = BigDecimal.ZERO;

        void add(UsageRecord record) {
            calls++;
            if (record.status() >= 400) {
                failed++;
            }
            promptTokens += record.promptTokens();
            completionTokens += record.completionTokens();
            cachedTokens += record.cachedTokens();
            cost = cost.add(record.cost());
        }

        JsonObjectBuilder json() {
            return Json.createObjectBuilder().add("calls", calls).add("failed_calls", failed)
                    .add("prompt_tokens", promptTokens).add("completion_tokens", completionTokens)
                    .add("cached_tokens", cachedTokens).add("cost", cost.stripTrailingZeros());
        }
    }

    private static final class Caller {
        final Totals totals = new Totals();
        final Map<String, Totals> byAlias = new TreeMap<>();
        final Deque<UsageRecord> recent = new ArrayDeque<>();
    }

    /** Counts a new record and hands it to the journal. */
    public void record(UsageRecord record) {
        restore(record);
        journal.accept(record);
    }

    /** Counts a record read back from the journal (not handed to it again). */
    public void restore(UsageRecord record) {
        Caller caller = callers.computeIfAbsent(record.subject(), s -> new Caller());
        synchronized (caller) {
            caller.totals.add(record);
            caller.byAlias.computeIfAbsent(record.alias(), a -> new Totals()).add(record);
            caller.recent.addFirst(record);
            if (caller.recent.size() > RECENT) {
                caller.recent.removeLast();
            }
        }
    }

    /** One caller's usage: totals, per alias, recent calls (newest first). */
    public JsonObject report(String subject) {
        Caller caller = callers.get(subject);
        JsonObjectBuilder json = Json.createObjectBuilder().add("subject", subject);
        if (caller == null) {
            return json.add("totals", new Totals().json()).add("by_alias", Json.createObjectBuilder())
                    .add("recent", Json.createArrayBuilder()).build();
        }
        synchronized (caller) {
            JsonObjectBuilder byAlias = Json.createObjectBuilder();
            caller.byAlias.forEach((alias, totals) -> byAlias.add(alias, totals.json()));
            JsonArrayBuilder recent = Json.createArrayBuilder();
            caller.recent.forEach(r -> recent.add(r.toJson()));
            return json.add("totals", caller.totals.json()).add("by_alias", byAlias).add("recent", recent).build();
        }
    }

    /** Every caller's totals (for administrators), by subject. */
    public JsonObject reportAll() {
        JsonArrayBuilder all = Json.createArrayBuilder();
        new TreeMap<>(callers).forEach((subject, caller) -> {
            synchronized (caller) {
                all.add(caller.totals.json().add("subject", subject));
            }
        });
        return Json.createObjectBuilder().add("object", "list").add("data", all).build();
    }
}

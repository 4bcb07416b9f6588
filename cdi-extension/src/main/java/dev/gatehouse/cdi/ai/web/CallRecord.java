package dev.gatehouse.cdi.ai.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import dev.gatehouse.cdi.ai.budget.Budgets;
import dev.gatehouse.cdi.ai.config.Target;
import dev.gatehouse.cdi.ai.provider.Usage;
import dev.gatehouse.cdi.ai.routing.Attempt;
import dev.gatehouse.cdi.ai.usage.PriceTable;
import dev.gatehouse.cdi.ai.usage.TokenEstimate;
import dev.gatehouse.cdi.ai.usage.UsageLedger;
import dev.gatehouse.cdi.ai.usage.UsageRecord;
import dev.gatehouse.filter.logging.AuditEvent;

/**
 * Everything one call leaves behind, written for failed calls too: the usage record (tokens from the provider or
 * estimated, cost from the price table) and the AI fields of the request's audit event
 * ({@link AuditEvent#EXTRA_ATTRIBUTE}). Never the prompt or the answer.
 */
final class CallRecord {

    private final Map<String, Object> audit;
    private final String subject;
    private final String alias;
    private final long estimatedPrompt;
    private final Instant start;
    private final Clock clock;
    private Target target;
    private Usage usage = Usage.UNKNOWN;
    private long answerChars;
    private String end = "failed";
    private List<Attempt> attempts = List.of();
    private List<Budgets.Window> budgetWindows = List.of();

    private CallRecord(Map<String, Object> audit, String subject, String alias, JsonObject chat, Clock clock) {
        this.audit = audit;
        this.subject = subject;
        this.alias = alias;
        this.estimatedPrompt = TokenEstimate.ofMessages(chat);
        this.clock = clock;
        this.start = clock.instant();
    }

    /** @param audit the audit fields of the request ({@link AuditFields#of}), or a fresh map outside a request */
    static CallRecord of(Map<String, Object> audit, String subject, String alias, JsonObject chat, boolean stream,
            Clock clock) {
        audit.put("ai_alias", alias);
        audit.put("ai_stream", stream);
        return new CallRecord(audit, subject, alias, chat, clock);
    }

    /** The budget windows the call was reserved in ({@code null}: no budget applies), kept in the usage record. */
    void countedIn(Budgets.Reservation reservation) {
        this.budgetWindows = reservation == null ? List.of() : reservation.windows();
    }

    /** Text relayed to the caller so far (for the estimate when the provider reports no usage). */
    void answered(long chars) {
        answerChars += chars;
    }

    void served(Target served, List<Attempt> tried, Usage reported, String howItEnded) {
        this.target = served;
        this.attempts = tried;
        this.usage = reported;
        this.end = howItEnded;
    }

    /** Answered from the response cache: no provider call, no tokens, no cost. */
    void cacheHit() {
        this.end = "cache_hit";
    }

    void failed(List<Attempt> tried) {
        this.attempts = tried;
        this.end = "failed";
    }

    /** Writes the usage record and the audit fields, with the status the caller got; returns the record. */
    UsageRecord finish(int status, UsageLedger ledger, PriceTable prices) {
        boolean reported = usage.reported();
        long prompt = reported ? usage.promptTokens() : target == null ? 0 : estimatedPrompt;
        long completion = reported ? usage.completionTokens() : TokenEstimate.ofChars(answerChars);
        long cached = reported ? usage.cachedTokens() : 0;
        BigDecimal cost = target == null ? BigDecimal.ZERO
                : prices.of(target).cost(new Usage(prompt, completion, cached, 0, reported));
        List<String> tried = attempts.stream().map(a -> a.target() + " " + a.outcome()).toList();
        UsageRecord record = new UsageRecord(start, subject, alias, target == null ? null : target.provider(),
                target == null ? null : target.model(), prompt, completion, cached, reported, cost,
                Duration.between(start, clock.instant()), status, end, tried, budgetWindows);
        ledger.record(record);
        if (target != null) {
            audit.put("ai_provider", target.provider());
            audit.put("ai_model", target.model());
        }
        audit.put("ai_tokens_in", prompt);
        audit.put("ai_tokens_out", completion);
        audit.put("ai_tokens_cached", cached);
        audit.put("ai_usage_reported", reported);
        audit.put("ai_cost", cost);
        audit.put("ai_end", end);
        audit.put("ai_attempts", tried);
        return record;
    }
}

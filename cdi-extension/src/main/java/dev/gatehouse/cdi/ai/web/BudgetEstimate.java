package dev.gatehouse.cdi.ai.web;

import java.math.BigDecimal;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

import dev.gatehouse.cdi.ai.budget.Budgets;
import dev.gatehouse.cdi.ai.config.AliasSettings;
import dev.gatehouse.cdi.ai.provider.Usage;
import dev.gatehouse.cdi.ai.usage.PriceTable;
import dev.gatehouse.cdi.ai.usage.TokenEstimate;
import dev.gatehouse.filter.token.ValidatedToken;

/**
 * What a call reserves before it runs: its prompt (estimated) plus the most it may generate ({@code max_tokens} or
 * {@code max_completion_tokens}, else {@link #DEFAULT_MAX_COMPLETION}), priced at the alias's dearest target — any
 * fallback may serve it.
 */
final class BudgetEstimate {

    /** Completion tokens reserved when the request sets no maximum. */
    static final long DEFAULT_MAX_COMPLETION = 4096;

    private BudgetEstimate() {
    }

    static Budgets.Outcome reserve(Budgets budgets, ValidatedToken caller, AliasSettings alias, JsonObject chat,
            PriceTable prices) {
        long prompt = TokenEstimate.ofMessages(chat);
        long completion = maxCompletion(chat);
        Usage worst = new Usage(prompt, completion, 0, 0, false);
        BigDecimal cost = alias.targets().stream().map(t -> prices.of(t).cost(worst)).max(BigDecimal::compareTo)
                .orElse(BigDecimal.ZERO);
        return budgets.reserve(caller, prompt + completion, cost);
    }

    private static long maxCompletion(JsonObject chat) {
        for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
            if (chat.get(field) instanceof JsonNumber number && number.isIntegral() && number.longValue() > 0) {
                return number.longValue();
            }
        }
        return DEFAULT_MAX_COMPLETION;
    }
}

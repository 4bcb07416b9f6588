package dev.gatehouse.cdi.ai.budget;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.gatehouse.filter.token.ValidatedToken;

/**
 * Enforces the budgets before a call and settles them after it. Requests and tokens are counted per minute, cost per
 * the budget's period (fixed windows starting at first use). A call reserves one request, its estimated tokens
 * (prompt estimate + {@code max_tokens}) and their cost up front — so parallel and streamed calls cannot overshoot —
 * and {@link Reservation#settle} replaces the estimate by the real usage afterwards. The {@link Window}s a call was
 * counted in go into its usage record, so that {@link #restore} can rebuild the windows still open after a restart.
 * Thread-safe.
 */
public final class Budgets {

    private final List<BudgetSettings> budgets;
    private final Clock clock;
    /** Guarded by {@code this}: every check and update of every counter happens under one lock. */
    private final Map<String, Counter> counters = new java.util.HashMap<>();

    /** What {@link #reserve} decided. */
    public sealed interface Outcome permits Reservation, Exceeded {
    }

    /** A refused call: which budget, which limit, and when to come back. */
    public record Exceeded(String budget, String limit, Duration retryAfter) implements Outcome {
    }

    /**
     * The windows of one budget a call was counted in.
     *
     * @param budget the budget's name
     * @param key what the budget counted the call on ({@link BudgetSettings#keyOf}), e.g. {@code sub:alice}
     * @param minuteStart the start of its requests and tokens minute
     * @param periodStart the start of its cost period
     */
    public record Window(String budget, String key, Instant minuteStart, Instant periodStart) {
        public Window {
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(minuteStart, "minuteStart");
            Objects.requireNonNull(periodStart, "periodStart");
        }
    }

    private static final class Counter {
        Instant minuteStart = Instant.MIN;
        long requests;
        long tokens;
        Instant periodStart = Instant.MIN;
        BigDecimal cost = BigDecimal.ZERO;
    }

    /** What one call holds until it is settled. */
    public final class Reservation implements Outcome {
        private final List<String> keys;
        private final List<Window> windows;
        private final long tokens;
        private final BigDecimal cost;
        private boolean settled;

        private Reservation(List<String> keys, List<Window> windows, long tokens, BigDecimal cost) {
            this.keys = keys;
            this.windows = windows;
            this.tokens = tokens;
            this.cost = cost;
        }

        /** The windows this call is counted in, one per budget that applies to the caller. */
        public List<Window> windows() {
            return windows;
        }

        /** Replaces the reserved tokens and cost by what the call really used (once; later calls do nothing). */
        public void settle(long actualTokens, BigDecimal actualCost) {
            synchronized (Budgets.this) {
                if (settled) {
                    return;
                }
                settled = true;
                for (String key : keys) {
                    Counter counter = counters.get(key);
                    counter.tokens = Math.max(0, counter.tokens - tokens + actualTokens);
                    counter.cost = counter.cost.subtract(cost).add(actualCost).max(BigDecimal.ZERO);
                }
            }
        }
    }

    public Budgets(List<BudgetSettings> budgets, Clock clock) {
        this.budgets = List.copyOf(budgets);
        this.clock = clock;
    }

    /** The longest cost period of any budget that limits cost; zero when none does. */
    public Duration longestCostPeriod() {
        return budgets.stream().filter(BudgetSettings::limitsCost).map(BudgetSettings::costPeriod)
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }

    public boolean isEmpty() {
        return budgets.isEmpty();
    }

    /**
     * Reserves a call for {@code caller}, or says which budget it would exceed (then nothing is reserved).
     *
     * @param tokens the call's estimated tokens (prompt estimate + maximum completion)
     * @param cost the cost of those tokens
     */
    public synchronized Outcome reserve(ValidatedToken caller, long tokens, BigDecimal cost) {
        Instant now = clock.instant();
        List<String> keys = new ArrayList<>();
        List<Window> windows = new ArrayList<>();
        List<Counter> held = new ArrayList<>();
        for (BudgetSettings budget : budgets) {
            Optional<String> key = budget.keyOf(caller);
            if (key.isEmpty()) {
                continue;
            }
            String counterKey = budget.name() + "|" + key.get();
            Counter counter = counters.computeIfAbsent(counterKey, k -> new Counter());
            roll(counter, budget, now);
            if (budget.limitsRequests() && counter.requests + 1 > budget.requestsPerMinute()) {
                return new Exceeded(budget.name(), "requests per minute", untilNextMinute(counter, now));
            }
            if (budget.limitsTokens() && counter.tokens + tokens > budget.tokensPerMinute()) {
                return new Exceeded(budget.name(), "tokens per minute", untilNextMinute(counter, now));
            }
            if (budget.limitsCost() && counter.cost.add(cost).compareTo(budget.cost()) > 0) {
                return new Exceeded(budget.name(), "cost per " + budget.costPeriod(),
                        Duration.between(now, counter.periodStart.plus(budget.costPeriod())));
            }
            keys.add(counterKey);
            windows.add(new Window(budget.name(), key.get(), counter.minuteStart, counter.periodStart));
            held.add(counter);
        }
        for (Counter counter : held) {
            counter.requests++;
            counter.tokens += tokens;
            counter.cost = counter.cost.add(cost);
        }
        return new Reservation(List.copyOf(keys), List.copyOf(windows), tokens, cost);
    }

    /**
     * Counts a call made before a restart again, as it was settled: one request and {@code tokens} in its minute,
     * {@code cost} in its period — each only while that window is still open, so an expired minute or period counts
     * nothing. Restored in the order the calls were made, a later window of the same budget and key replaces an
     * earlier one, as it did when the calls were made. Windows of budgets no longer configured are ignored.
     */
    public synchronized void restore(List<Window> windows, long tokens, BigDecimal cost) {
        Instant now = clock.instant();
        for (Window window : windows) {
            Optional<BudgetSettings> budget = budgets.stream().filter(b -> b.name().equals(window.budget()))
                    .findFirst();
            if (budget.isEmpty()) {
                continue;
            }
            boolean minuteOpen = now.isBefore(window.minuteStart().plusSeconds(60));
            boolean periodOpen = now.isBefore(window.periodStart().plus(budget.get().costPeriod()));
            if (!minuteOpen && !periodOpen) {
                continue;
            }
            Counter counter = counters.computeIfAbsent(window.budget() + "|" + window.key(), k -> new Counter());
            if (minuteOpen && !window.minuteStart().isBefore(counter.minuteStart)) {
                if (window.minuteStart().isAfter(counter.minuteStart)) {
                    counter.minuteStart = window.minuteStart();
                    counter.requests = 0;
                    counter.tokens = 0;
                }
                counter.requests++;
                counter.tokens += tokens;
            }
            if (periodOpen && !window.periodStart().isBefore(counter.periodStart)) {
                if (window.periodStart().isAfter(counter.periodStart)) {
                    counter.periodStart = window.periodStart();
                    counter.cost = BigDecimal.ZERO;
                }
                counter.cost = counter.cost.add(cost);
            }
        }
    }

    private static void roll(Counter counter, BudgetSettings budget, Instant now) {
        if (!now.isBefore(counter.minuteStart.plusSeconds(60)) || counter.minuteStart == Instant.MIN) {
            counter.minuteStart = now;
            counter.requests = 0;
            counter.tokens = 0;
        }
        if (counter.periodStart == Instant.MIN || !now.isBefore(counter.periodStart.plus(budget.costPeriod()))) {
            counter.periodStart = now;
            counter.cost = BigDecimal.ZERO;
        }
    }

    private static Duration untilNextMinute(Counter counter, Instant now) {
        return Duration.between(now, counter.minuteStart.plusSeconds(60));
    }
}

package dev.gatehouse.cdi.ai.budget;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import dev.gatehouse.filter.token.ValidatedToken;

/**
 * One budget ({@code gatehouse.ai.budget.<name>.*}): limits per caller ({@code per=subject}), per client
 * ({@code per=client_id}) or shared by everyone in a group ({@code per=group}, {@code group=...}). A limit of zero or
 * less means none.
 *
 * @param costPeriod the window of {@code cost}, e.g. {@code P1D}
 */
public record BudgetSettings(String name, Per per, String group, long requestsPerMinute, long tokensPerMinute,
        BigDecimal cost, Duration costPeriod) {

    /** What a budget is counted on. */
    public enum Per {
        SUBJECT, CLIENT_ID, GROUP;

        public static Per parse(String value) {
            return valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public BudgetSettings {
        Objects.requireNonNull(name);
        Objects.requireNonNull(per);
        Objects.requireNonNull(cost);
        Objects.requireNonNull(costPeriod);
        if (per == Per.GROUP && (group == null || group.isBlank())) {
            throw new IllegalArgumentException("a per-group budget needs its group");
        }
    }

    /** The key this budget counts {@code caller} on, empty when it does not apply to the caller. */
    public Optional<String> keyOf(ValidatedToken caller) {
        return switch (per) {
            case SUBJECT -> Optional.of("sub:" + (caller.subject() != null ? caller.subject() : caller.getName()));
            case CLIENT_ID -> caller.claim("client_id") instanceof String client ? Optional.of("client:" + client)
                    : Optional.empty();
            case GROUP -> caller.groups().contains(group) ? Optional.of("group:" + group) : Optional.empty();
        };
    }

    boolean limitsRequests() {
        return requestsPerMinute > 0;
    }

    boolean limitsTokens() {
        return tokensPerMinute > 0;
    }

    boolean limitsCost() {
        return cost.signum() > 0;
    }
}

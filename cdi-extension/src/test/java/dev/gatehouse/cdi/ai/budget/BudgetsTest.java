package dev.gatehouse.cdi.ai.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.ai.budget.BudgetSettings.Per;
import dev.gatehouse.filter.testing.MutableClock;
import dev.gatehouse.filter.token.ValidatedToken;

/** Request, token and cost limits: reservation up front, settlement from real usage, windows, keys. */
class BudgetsTest {

    private final MutableClock clock = new MutableClock();

    private static ValidatedToken caller(String sub, Set<String> groups, String clientId) {
        Map<String, Object> claims = clientId == null ? Map.of("sub", sub) : Map.of("sub", sub, "client_id", clientId);
        return new ValidatedToken(sub, groups, Instant.now().plusSeconds(600), claims, "t");
    }

    private static final ValidatedToken ALICE = caller("alice", Set.of("team-a"), "app-1");
    private static final ValidatedToken BOB = caller("bob", Set.of("team-a"), "app-1");

    private Budgets budgets(BudgetSettings... settings) {
        return new Budgets(List.of(settings), clock);
    }

    private static BudgetSettings perSubject(long rpm, long tpm, String cost) {
        return new BudgetSettings("b", Per.SUBJECT, null, rpm, tpm, new BigDecimal(cost), Duration.ofDays(1));
    }

    @Test
    void requestsPerMinuteRefusesTheExtraCallUntilTheMinuteIsOver() {
        Budgets budgets = budgets(perSubject(2, 0, "0"));
        assertInstanceOf(Budgets.Reservation.class, budgets.reserve(ALICE, 10, BigDecimal.ZERO));
        clock.advance(Duration.ofSeconds(20));
        assertInstanceOf(Budgets.Reservation.class, budgets.reserve(ALICE, 10, BigDecimal.ZERO));
        Budgets.Exceeded refused = assertInstanceOf(Budgets.Exceeded.class,
                budgets.reserve(ALICE, 10, BigDecimal.ZERO));
        assertEquals("requests per minute", refused.limit());
        assertEquals(Duration.ofSeconds(40), refused.retryAfter());
        assertInstanceOf(Budgets.Reservation.class, budgets.reserve(BOB, 10, BigDecimal.ZERO), "per subject");
        clock.advance(Duration.ofSeconds(40));
        assertInstanceOf(Budgets.Reservation.class, budgets.reserve(ALICE, 10, BigDecimal.ZERO));
    }

    @Test
    void tokensAreReservedUpFrontSoParallelCallsCannotOvershoot() {
        Budgets budgets = budgets(perSubject(0, 1000, "0"));
        Budgets.Reservation first = assertInstanceOf(Budgets.Reservation.class,
                budgets.reserve(ALICE, 600, BigDecimal.ZERO));
        assertInstanceOf(Budgets.Exceeded.class, budgets.reserve(ALICE, 600, BigDecimal.ZERO),
                "the first call is still running: its reservation counts");
        first.settle(100, BigDecimal.ZERO);
        assertInstanceOf(Budgets.Reservation.class, budgets.reserve(ALICE, 600, BigDecimal.ZERO),
                "settled to what it really used");
    }

    @Test
    void costIsReservedThenSettledWithinItsPeriod() {
        Budgets budgets = budgets(perSubject(0, 0, "1.00"));
        Budgets.Reservation call = assertInstanceOf(Budgets.Reservation.class,
                budgets.reserve(ALICE, 0, new BigDecimal("0.80")));
        assertInstanceOf(Budgets.Exceeded.class, budgets.reserve(ALICE, 0, new BigDecimal("0.30")));
        call.settle(0, new BigDecimal("0.10"));
        call.settle(0, new BigDecimal("5.00")); // a second settle changes nothing
        assertInstanceOf(Budgets.Reservation.class, budgets.reserve(ALICE, 0, new BigDecimal("0.80")));
        Budgets.Exceeded refused = assertInstanceOf(Budgets.Exceeded.class,
                budgets.reserve(ALICE, 0, new BigDecimal("0.20")));
        assertTrue(refused.retryAfter().compareTo(Duration.ofDays(1)) <= 0);
        clock.advance(Duration.ofDays(1));
        assertInstanceOf(Budgets.Reservation.class, budgets.reserve(ALICE, 0, new BigDecimal("0.90")));
    }

    @Test
    void groupBudgetIsSharedByItsMembersAndIgnoresOthers() {
        Budgets budgets = budgets(new BudgetSettings("team", Per.GROUP, "team-a", 1, 0, BigDecimal.ZERO,
                Duration.ofDays(1)));
        assertInstanceOf(Budgets.Reservation.class, budgets.reserve(ALICE, 1, BigDecimal.ZERO));
        assertInstanceOf(Budgets.Exceeded.class, budgets.reserve(BOB, 1, BigDecimal.ZERO), "same group");
        ValidatedToken outsider = caller("carol", Set.of("team-b"), null);
        assertInstanceOf(Budgets.Reservation.class, budgets.reserve(outsider, 1, BigDecimal.ZERO));
    }

    @Test
    void clientBudgetCountsPerClientId() {
        Budgets budgets = budgets(new BudgetSettings("apps", Per.CLIENT_ID, null, 1, 0, BigDecimal.ZERO,
                Duration.ofDays(1)));
        assertInstanceOf(Budgets.Reservation.class, budgets.reserve(ALICE, 1, BigDecimal.ZERO));
        assertInstanceOf(Budgets.Exceeded.class, budgets.reserve(BOB, 1, BigDecimal.ZERO), "same client app");
    }

    @Test
    void refusedCallReservesNothingInOtherBudgets() {
        Budgets budgets = budgets(perSubject(1, 0, "0"), new BudgetSettings("tight", Per.SUBJECT, null, 0, 10,
                BigDecimal.ZERO, Duration.ofDays(1)));
        assertInstanceOf(Budgets.Exceeded.class, budgets.reserve(ALICE, 50, BigDecimal.ZERO));
        assertInstanceOf(Budgets.Reservation.class, budgets.reserve(ALICE, 5, BigDecimal.ZERO),
                "the refused call did not use up the request budget");
    }

    @Test
    void restoreWhenWindowsStillOpenThenCallsCountAgainAsBeforeTheRestart() {
        Budgets before = budgets(perSubject(2, 1000, "1.00"));
        Budgets.Reservation call = assertInstanceOf(Budgets.Reservation.class,
                before.reserve(ALICE, 100, new BigDecimal("0.10")));
        call.settle(600, new BigDecimal("0.70"));
        clock.advance(Duration.ofSeconds(10));

        Budgets after = budgets(perSubject(2, 1000, "1.00"));
        after.restore(call.windows(), 600, new BigDecimal("0.70"));

        assertEquals("tokens per minute",
                assertInstanceOf(Budgets.Exceeded.class, after.reserve(ALICE, 500, BigDecimal.ZERO)).limit());
        Budgets.Exceeded cost = assertInstanceOf(Budgets.Exceeded.class,
                after.reserve(ALICE, 10, new BigDecimal("0.40")));
        assertEquals("cost per PT24H", cost.limit());
        assertEquals(Duration.ofDays(1).minusSeconds(10), cost.retryAfter());
        assertInstanceOf(Budgets.Reservation.class, after.reserve(ALICE, 10, new BigDecimal("0.20")));
        assertEquals("requests per minute",
                assertInstanceOf(Budgets.Exceeded.class, after.reserve(ALICE, 0, BigDecimal.ZERO)).limit(),
                "the restored call and this one");
    }

    @Test
    void restoreWhenMinuteOverButPeriodOpenThenOnlyCostCounts() {
        Budgets before = budgets(perSubject(0, 100, "1.00"));
        Budgets.Reservation call = assertInstanceOf(Budgets.Reservation.class,
                before.reserve(ALICE, 100, new BigDecimal("0.90")));
        clock.advance(Duration.ofMinutes(5));

        Budgets after = budgets(perSubject(0, 100, "1.00"));
        after.restore(call.windows(), 100, new BigDecimal("0.90"));

        assertInstanceOf(Budgets.Reservation.class, after.reserve(ALICE, 100, new BigDecimal("0.10")),
                "the tokens of the closed minute no longer count");
        assertEquals("cost per PT24H",
                assertInstanceOf(Budgets.Exceeded.class, after.reserve(ALICE, 0, new BigDecimal("0.01"))).limit());
    }

    @Test
    void restoreWhenCallsOfThePreviousPeriodAndTheCurrentOneThenOnlyTheCurrentOnesCount() {
        Budgets before = budgets(perSubject(0, 0, "1.00"));
        Budgets.Reservation old = assertInstanceOf(Budgets.Reservation.class,
                before.reserve(ALICE, 0, new BigDecimal("0.60")));
        clock.advance(Duration.ofDays(1));
        Budgets.Reservation first = assertInstanceOf(Budgets.Reservation.class,
                before.reserve(ALICE, 0, new BigDecimal("0.30")));
        Budgets.Reservation second = assertInstanceOf(Budgets.Reservation.class,
                before.reserve(ALICE, 0, new BigDecimal("0.20")));

        Budgets after = budgets(perSubject(0, 0, "1.00"));
        after.restore(old.windows(), 0, new BigDecimal("0.60"));
        after.restore(first.windows(), 0, new BigDecimal("0.30"));
        after.restore(second.windows(), 0, new BigDecimal("0.20"));

        assertInstanceOf(Budgets.Reservation.class, after.reserve(ALICE, 0, new BigDecimal("0.50")));
        assertInstanceOf(Budgets.Exceeded.class, after.reserve(ALICE, 0, new BigDecimal("0.01")));
    }

    @Test
    void restoreWhenBudgetNoLongerConfiguredThenIgnoresItsWindows() {
        Instant now = clock.instant();
        Budgets budgets = budgets(perSubject(1, 0, "0"));
        budgets.restore(List.of(new Budgets.Window("removed", "sub:alice", now, now)), 10, BigDecimal.ONE);

        assertInstanceOf(Budgets.Reservation.class, budgets.reserve(ALICE, 10, BigDecimal.ZERO));
    }
}

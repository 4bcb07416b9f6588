package dev.gatehouse.cdi.ai.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.cdi.ai.budget.BudgetSettings;
import dev.gatehouse.cdi.ai.budget.BudgetSettings.Per;
import dev.gatehouse.cdi.ai.budget.Budgets;
import dev.gatehouse.cdi.testing.LogCapture;
import dev.gatehouse.filter.logging.AuditFileSettings;
import dev.gatehouse.filter.testing.MutableClock;
import dev.gatehouse.filter.token.ValidatedToken;

/** Usage records written to a real file and read back by a new ledger and new budgets, as after a restart. */
class UsageFileTest {

    private static final Duration MONTH = Duration.ofDays(30);
    private static final ValidatedToken ALICE = new ValidatedToken("alice", Set.of("user"),
            Instant.now().plusSeconds(600), Map.of("sub", "alice"), "t");

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();

    private AuditFileSettings files() {
        return AuditFileSettings.of(dir.resolve("usage/usage.log"));
    }

    /** Alice may spend 1.00 a month; a call reserves 0.10 up front. */
    private Budgets monthly() {
        return new Budgets(List.of(new BudgetSettings("monthly", Per.SUBJECT, null, 0, 0, new BigDecimal("1.00"),
                MONTH)), clock);
    }

    private UsageFile open(Budgets budgets) throws IOException {
        return UsageFile.open(files(), UsageStoreSettings.DEFAULT_REPLAY_WINDOW, budgets, clock);
    }

    /** One call of Alice's, reserved in {@code budgets} and settled at {@code cost}, as ChatService records it. */
    private UsageRecord call(Budgets budgets, String cost) {
        Budgets.Reservation reservation = assertInstanceOf(Budgets.Reservation.class,
                budgets.reserve(ALICE, 100, new BigDecimal("0.10")));
        reservation.settle(1500, new BigDecimal(cost));
        return record(clock.instant(), cost, reservation.windows());
    }

    private static UsageRecord record(Instant at, String cost, List<Budgets.Window> windows) {
        return new UsageRecord(at, "alice", "chat", "openai", "gpt-4o-mini", 1000, 500, 200, true,
                new BigDecimal(cost), Duration.ofMillis(120), 200, "complete", List.of("openai/gpt-4o-mini ok"),
                windows);
    }

    private static JsonObject totals(UsageLedger ledger) {
        return ledger.report("alice").getJsonObject("totals");
    }

    @Test
    void openWhenRecordsWrittenBeforeRestartThenTotalsAndRecentCallsAreBack() throws IOException {
        Budgets before = monthly();
        try (UsageFile usage = open(before)) {
            usage.ledger().record(call(before, "0.25"));
            usage.ledger().record(call(before, "0.30"));
        }

        try (UsageFile restarted = open(monthly())) {
            JsonObject totals = totals(restarted.ledger());
            assertEquals(2, totals.getInt("calls"));
            assertEquals(2000, totals.getInt("prompt_tokens"));
            assertEquals(new BigDecimal("0.55"), totals.getJsonNumber("cost").bigDecimalValue());
            assertEquals(2, restarted.ledger().report("alice").getJsonArray("recent").size());
        }
    }

    @Test
    void openWhenMonthlyCostUsedUpBeforeRestartThenCallerStillRefusedUntilThePeriodEnds() throws IOException {
        Budgets before = monthly();
        try (UsageFile usage = open(before)) {
            usage.ledger().record(call(before, "0.95"));
        }
        Budgets.Exceeded refusedBefore = assertInstanceOf(Budgets.Exceeded.class,
                before.reserve(ALICE, 100, new BigDecimal("0.10")));
        clock.advance(Duration.ofDays(3));

        Budgets after = monthly();
        try (UsageFile restarted = open(after)) {
            Budgets.Exceeded refusedAfter = assertInstanceOf(Budgets.Exceeded.class,
                    after.reserve(ALICE, 100, new BigDecimal("0.10")));
            assertEquals(refusedBefore.budget(), refusedAfter.budget());
            assertEquals(refusedBefore.limit(), refusedAfter.limit());
            assertEquals(refusedBefore.retryAfter().minusDays(3), refusedAfter.retryAfter(),
                    "the period still ends when it did before the restart");
        }
    }

    @Test
    void openWhenRecordsBelongToAnExpiredPeriodThenBudgetStartsAfreshButTotalsKeepThem() throws IOException {
        Budgets before = monthly();
        try (UsageFile usage = open(before)) {
            usage.ledger().record(call(before, "0.95"));
        }
        clock.advance(MONTH.plusSeconds(1));

        Budgets after = monthly();
        try (UsageFile restarted = open(after)) {
            assertInstanceOf(Budgets.Reservation.class, after.reserve(ALICE, 100, new BigDecimal("0.10")));
            assertEquals(1, totals(restarted.ledger()).getInt("calls"), "within the 31-day replay window");
        }
    }

    @Test
    void openWhenRecordOlderThanReplayWindowThenLeftOutOfTotals() throws IOException {
        try (UsageFile usage = open(monthly())) {
            usage.ledger().record(record(clock.instant().minus(Duration.ofDays(2)), "0.10", List.of()));
            usage.ledger().record(record(clock.instant(), "0.20", List.of()));
        }

        try (UsageFile restarted = UsageFile.open(files(), Duration.ofDays(1), monthly(), clock)) {
            assertEquals(1, totals(restarted.ledger()).getInt("calls"));
            assertEquals(new BigDecimal("0.2"), totals(restarted.ledger()).getJsonNumber("cost").bigDecimalValue());
        }
    }

    @Test
    void openWhenLinesCutOffCorruptOrNewerThenSkipsThemWithOneWarningNamingFileAndCount() throws IOException {
        try (UsageFile usage = open(monthly())) {
            usage.ledger().record(record(clock.instant(), "0.10", List.of()));
        }
        Path file = files().file();
        String good = Files.readAllLines(file).get(0);
        String unknownField = good.replace("{\"v\":1,", "{\"v\":1,\"future_field\":[1,2],");
        String newer = good.replace("{\"v\":1,", "{\"v\":2,").replace("\"subject\":\"alice\"", "\"subject\":\"eve\"");
        String corrupt = "{\"v\":1,\"subject\":\"mallory\",\"cost\":\"not-a-number\"}";
        Files.writeString(file, unknownField + "\n" + newer + "\n" + corrupt + "\n" + good.substring(0, 40),
                StandardOpenOption.APPEND);

        try (LogCapture log = LogCapture.of(UsageFile.class); UsageFile restarted = open(monthly())) {
            assertEquals(List.of("Gatehouse usage file " + file + ": skipped 3 lines that are cut off, corrupt or of"
                    + " a newer format (usage.log: 3)"), log.messages(Level.WARNING));
            assertEquals(2, totals(restarted.ledger()).getInt("calls"), "the good line and the one with a new field");
            assertEquals(0, restarted.ledger().report("eve").getJsonObject("totals").getInt("calls"));
            assertFalse(log.everything().stream().anyMatch(m -> m.contains("mallory")), "no line content logged");
            restarted.ledger().record(record(clock.instant(), "0.30", List.of()));
        }

        try (LogCapture log = LogCapture.of(UsageFile.class); UsageFile again = open(monthly())) {
            assertEquals(3, totals(again.ledger()).getInt("calls"), "the record after the cut line is whole");
            assertEquals(1, log.messages(Level.WARNING).size());
        }
    }

    @Test
    void openWhenRotatedFilesExistThenReadsThemOldestFirstAndWarnsThatTheOldestWereRotatedAway() throws IOException {
        AuditFileSettings small = new AuditFileSettings(dir.resolve("usage.log"), 1, 4); // a file per line
        try (UsageFile usage = UsageFile.open(small, MONTH, monthly(), clock)) {
            for (int n = 1; n <= 5; n++) {
                usage.ledger().record(record(clock.instant(), "0.0" + n, List.of()));
            }
        }

        try (LogCapture log = LogCapture.of(UsageFile.class);
                UsageFile restarted = UsageFile.open(small, MONTH, monthly(), clock)) {
            List<String> costs = restarted.ledger().report("alice").getJsonArray("recent").getValuesAs(JsonObject.class)
                    .stream().map(r -> r.getJsonNumber("cost").toString()).toList();
            assertEquals(List.of("0.05", "0.04", "0.03", "0.02"), costs, "newest first; the first call rotated away");
            assertEquals(1, log.messages(Level.WARNING).size());
            assertTrue(log.messages(Level.WARNING).get(0).contains("inside the longest budget cost period; calls made"
                    + " before may have been rotated away"), log.messages(Level.WARNING).get(0));
        }
    }

    @Test
    void openWhenDirectoryCannotBeCreatedThenFailsNamingIt() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        AuditFileSettings files = AuditFileSettings.of(notADirectory.resolve("usage.log"));

        IOException e = assertThrows(IOException.class, () -> UsageFile.open(files, MONTH, monthly(), clock));

        assertEquals("cannot create the directory " + notADirectory + " (FileAlreadyExistsException)", e.getMessage());
    }

    @Test
    void openWhenUsageFileIsNotAReadableFileThenFailsNamingIt() throws IOException {
        Path directory = Files.createDirectories(dir.resolve("usage/usage.log"));

        IOException e = assertThrows(IOException.class, () -> open(monthly()));

        assertEquals(directory + " is not a readable file", e.getMessage());
    }

    @Test
    void openWhenFilePermissionsForbidReadingThenFailsNamingIt() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads files whatever their permissions");
        Path file = Files.createDirectories(dir.resolve("usage")).resolve("usage.log");
        Files.writeString(file, "");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));

        IOException e = assertThrows(IOException.class, () -> open(monthly()));

        assertEquals(file + " is not a readable file", e.getMessage());
    }

    @Test
    void fileHoldsCountsOnlyOneJsonLinePerRecordWithItsFormatVersion() throws IOException {
        Budgets budgets = monthly();
        try (UsageFile usage = open(budgets)) {
            usage.ledger().record(call(budgets, "0.25"));
        }
        List<String> lines = Files.readAllLines(files().file(), StandardCharsets.UTF_8);

        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("{\"v\":1,\"timestamp\":"), lines.get(0));
        assertTrue(lines.get(0).contains("\"budgets\":[{\"budget\":\"monthly\",\"key\":\"sub:alice\","), lines.get(0));
    }
}

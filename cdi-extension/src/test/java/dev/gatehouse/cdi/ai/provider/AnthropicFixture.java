package dev.gatehouse.cdi.ai.provider;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.gatehouse.cdi.ai.testing.FakeAnthropic;

/**
 * A {@link FakeAnthropic} started for each test, and an {@link AnthropicRoundTrip} to it through an adapter whose
 * clock stands at {@link #NOW}. Register with {@code @RegisterExtension}.
 */
final class AnthropicFixture implements BeforeEachCallback, AfterEachCallback {

    static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

    private final int defaultMaxTokens;
    private FakeAnthropic fake;
    private AnthropicRoundTrip roundTrip;

    private AnthropicFixture(int defaultMaxTokens) {
        this.defaultMaxTokens = defaultMaxTokens;
    }

    /** @param defaultMaxTokens the adapter's {@code max_tokens} when a request has none */
    static AnthropicFixture withDefaultMaxTokens(int defaultMaxTokens) {
        return new AnthropicFixture(defaultMaxTokens);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        fake = FakeAnthropic.start();
        roundTrip = new AnthropicRoundTrip(new AnthropicAdapter(defaultMaxTokens, Clock.fixed(NOW, ZoneOffset.UTC)),
                fake.provider());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        fake.close();
    }

    FakeAnthropic fake() {
        return fake;
    }

    AnthropicRoundTrip roundTrip() {
        return roundTrip;
    }
}

package dev.gatehouse.cdi.ai.provider;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.gatehouse.cdi.ai.testing.FakeOpenAi;

/**
 * A {@link FakeOpenAi} requiring {@link #API_KEY}, started for each test, and an {@link OpenAiRoundTrip} to it through
 * a default {@link OpenAiAdapter}. Register with {@code @RegisterExtension}.
 */
final class OpenAiFixture implements BeforeEachCallback, AfterEachCallback {

    static final String API_KEY = "sk-test-0123456789abcdef";

    private FakeOpenAi fake;
    private OpenAiRoundTrip roundTrip;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        fake = FakeOpenAi.requiringKey(API_KEY);
        roundTrip = new OpenAiRoundTrip(new OpenAiAdapter(), OpenAiRoundTrip.provider(fake.baseUrl(), API_KEY));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        fake.close();
    }

    FakeOpenAi fake() {
        return fake;
    }

    OpenAiRoundTrip roundTrip() {
        return roundTrip;
    }
}

package dev.gatehouse.cdi.ai.testing;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import dev.gatehouse.cdi.ai.budget.Budgets;
import dev.gatehouse.cdi.ai.cache.ResponseCache;
import dev.gatehouse.cdi.ai.config.AiSettings;
import dev.gatehouse.cdi.ai.config.AliasSettings;
import dev.gatehouse.cdi.ai.config.RoutingSettings;
import dev.gatehouse.cdi.ai.config.Strategy;
import dev.gatehouse.cdi.ai.config.Target;
import dev.gatehouse.cdi.ai.provider.OpenAiAdapter;
import dev.gatehouse.cdi.ai.provider.ProviderSettings;
import dev.gatehouse.cdi.ai.routing.Backoff;
import dev.gatehouse.cdi.ai.routing.ChatRouter;
import dev.gatehouse.cdi.ai.routing.ProviderClients;
import dev.gatehouse.cdi.ai.routing.StreamWatchdog;
import dev.gatehouse.cdi.ai.routing.TargetHealth;
import dev.gatehouse.cdi.ai.routing.TargetOrder;
import dev.gatehouse.cdi.ai.usage.PriceTable;
import dev.gatehouse.cdi.ai.usage.UsageLedger;
import dev.gatehouse.cdi.ai.web.ChatService;

/**
 * A gateway over one {@link FakeOpenAi} for tests of the layers above the router: alias {@code chat} (anyone) and
 * {@code admins} (role {@code admin}), no retries, no budgets, no prices; a stream silent for {@link #STALL_LIMIT} after
 * its first chunk is cancelled.
 */
public final class TestGateway {

    /** The provider's {@code stream-idle-timeout}. */
    public static final Duration STALL_LIMIT = Duration.ofSeconds(1);
    /** One for every gateway of the test JVM, as a deployed application has one (its thread is a daemon). */
    private static final StreamWatchdog WATCHDOG = new StreamWatchdog();

    private TestGateway() {
    }

    public static AiSettings settings(FakeOpenAi openai) {
        return new AiSettings("/v1", Map.of("fake", new ProviderSettings("fake", "openai", openai.baseUrl(), null,
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), STALL_LIMIT, 0, Map.of())),
                Map.of("chat", new AliasSettings("chat", List.of(new Target("fake", "gpt-4o-mini")), Strategy.PRIORITY,
                        List.of(), Set.of()),
                        "admins", new AliasSettings("admins", List.of(new Target("fake", "gpt-4o")),
                                Strategy.PRIORITY, List.of(), Set.of("admin"))),
                RoutingSettings.DEFAULTS, PriceTable.NONE, "admin", List.of());
    }

    public static ChatService chatService(FakeOpenAi openai, UsageLedger ledger) {
        AiSettings settings = settings(openai);
        TargetHealth health = new TargetHealth(settings.routing(), Clock.systemUTC());
        ChatRouter router = new ChatRouter(settings, Map.of("openai", new OpenAiAdapter()),
                ProviderClients.create(Duration.ofSeconds(5)), WATCHDOG, health, new TargetOrder(health, new Random(1)),
                new Backoff(settings.routing(), new Random(1)), d -> { }, Clock.systemUTC());
        return new ChatService(settings, router, ledger, new Budgets(List.of(), Clock.systemUTC()),
                new ResponseCache(10, Clock.systemUTC()), Clock.systemUTC());
    }
}

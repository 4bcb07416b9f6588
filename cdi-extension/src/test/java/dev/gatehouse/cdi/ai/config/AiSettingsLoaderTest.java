package dev.gatehouse.cdi.ai.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.gatehouse.cdi.ai.provider.ProviderSettings;
import dev.gatehouse.cdi.ai.usage.UsageStoreSettings;
import dev.gatehouse.filter.config.ConfigException;
import dev.gatehouse.filter.config.FallbackConfigReader;
import dev.gatehouse.filter.logging.AuditFileSettings;

class AiSettingsLoaderTest {

    private static Map<String, String> valid() {
        Map<String, String> p = new HashMap<>();
        p.put("gatehouse.ai.providers", "openai,claude,local");
        p.put("gatehouse.ai.provider.openai.kind", "openai");
        p.put("gatehouse.ai.provider.openai.base-url", "https://api.openai.com/v1/");
        p.put("gatehouse.ai.provider.openai.api-key", "sk-test-secret");
        p.put("gatehouse.ai.provider.openai.header.OpenAI-Organization", "org-1");
        p.put("gatehouse.ai.provider.claude.kind", "anthropic");
        p.put("gatehouse.ai.provider.claude.base-url", "https://api.anthropic.com/v1");
        p.put("gatehouse.ai.provider.claude.response-timeout", "PT30S");
        p.put("gatehouse.ai.provider.claude.stream-first-chunk-timeout", "900");
        p.put("gatehouse.ai.provider.claude.stream-idle-timeout", "PT2M");
        p.put("gatehouse.ai.provider.local.kind", "OpenAI");
        p.put("gatehouse.ai.provider.local.base-url", "http://127.0.0.1:11434/v1");
        p.put("gatehouse.ai.aliases", "chat,cheap");
        p.put("gatehouse.ai.alias.chat.targets", "openai/gpt-4o-mini, claude/claude-3-5-haiku-latest");
        p.put("gatehouse.ai.alias.chat.roles", "user,admin");
        p.put("gatehouse.ai.alias.cheap.targets", "local/meta-llama/Llama-3.1-8B, openai/gpt-4o-mini");
        p.put("gatehouse.ai.alias.cheap.strategy", "weighted");
        p.put("gatehouse.ai.alias.cheap.weights", "3,1");
        return p;
    }

    private static AiSettings load(Map<String, String> properties) {
        return new AiSettingsLoader(FallbackConfigReader.of(properties, Map.of())).load();
    }

    @Test
    void loadWhenValidThenProvidersAliasesAndDefaults() {
        AiSettings settings = load(valid());
        ProviderSettings openai = settings.providers().get("openai");
        assertEquals(URI.create("https://api.openai.com/v1"), openai.baseUrl(), "trailing slash dropped");
        assertEquals("sk-test-secret", openai.apiKey());
        assertEquals(Map.of("OpenAI-Organization", "org-1"), openai.extraHeaders());
        assertEquals(2, openai.maxRetries());
        assertEquals(Duration.ofSeconds(60), openai.responseTimeout());
        assertEquals(Duration.ofSeconds(30), settings.providers().get("claude").responseTimeout());
        assertEquals(Duration.ofMinutes(5), openai.streamFirstChunkTimeout());
        assertEquals(Duration.ofSeconds(60), openai.streamIdleTimeout());
        assertEquals(Duration.ofMinutes(15), settings.providers().get("claude").streamFirstChunkTimeout());
        assertEquals(Duration.ofMinutes(2), settings.providers().get("claude").streamIdleTimeout());
        assertEquals("openai", settings.providers().get("local").kind(), "kind is case-insensitive");
        assertNull(settings.providers().get("local").apiKey());
        AliasSettings chat = settings.alias("chat").orElseThrow();
        assertEquals(List.of(new Target("openai", "gpt-4o-mini"), new Target("claude", "claude-3-5-haiku-latest")),
                chat.targets());
        assertEquals(Strategy.PRIORITY, chat.strategy());
        assertTrue(chat.allows(Set.of("user")));
        assertFalse(chat.allows(Set.of("guest")));
        AliasSettings cheap = settings.alias("cheap").orElseThrow();
        assertEquals(new Target("local", "meta-llama/Llama-3.1-8B"), cheap.targets().get(0), "model keeps its slashes");
        assertEquals(List.of(3, 1), cheap.weights());
        assertEquals("/v1", settings.basePath());
        assertEquals(RoutingSettings.DEFAULTS, settings.routing());
        assertTrue(settings.enabled());
    }

    @Test
    void loadWhenNothingConfiguredThenDisabled() {
        assertFalse(load(Map.of()).enabled());
    }

    @Test
    void providerToStringNeverShowsTheKey() {
        assertFalse(load(valid()).providers().get("openai").toString().contains("sk-test"));
    }

    static Stream<Arguments> badConfigurations() {
        return Stream.of(
                bad("unknown kind", p -> p.put("gatehouse.ai.provider.openai.kind", "cohere"),
                        "gatehouse.ai.provider.openai.kind", "unknown provider kind"),
                bad("missing kind", p -> p.remove("gatehouse.ai.provider.claude.kind"),
                        "gatehouse.ai.provider.claude.kind", "is required"),
                bad("missing base url", p -> p.remove("gatehouse.ai.provider.claude.base-url"),
                        "gatehouse.ai.provider.claude.base-url", "is required"),
                bad("plain http to a remote host", p -> p.put("gatehouse.ai.provider.openai.base-url",
                        "http://api.openai.com/v1"), "gatehouse.ai.provider.openai.base-url", "insecure-allow-http"),
                bad("credentials in the url", p -> p.put("gatehouse.ai.provider.openai.base-url",
                        "https://user:pw@api.openai.com/v1"), "gatehouse.ai.provider.openai.base-url", "credentials"),
                bad("target of an unknown provider", p -> p.put("gatehouse.ai.alias.chat.targets", "mistral/large"),
                        "gatehouse.ai.alias.chat.targets", "mistral"),
                bad("target without model", p -> p.put("gatehouse.ai.alias.chat.targets", "openai"),
                        "gatehouse.ai.alias.chat.targets", "provider/model"),
                bad("alias without targets", p -> p.remove("gatehouse.ai.alias.chat.targets"),
                        "gatehouse.ai.alias.chat.targets", "is required"),
                bad("weights do not match targets", p -> p.put("gatehouse.ai.alias.cheap.weights", "1"),
                        "gatehouse.ai.alias.cheap.weights", "one non-negative weight per target"),
                bad("weights without weighted strategy", p -> p.put("gatehouse.ai.alias.chat.weights", "1,1"),
                        "gatehouse.ai.alias.chat.weights", "strategy=weighted"),
                bad("unknown strategy", p -> p.put("gatehouse.ai.alias.chat.strategy", "random"),
                        "gatehouse.ai.alias.chat.strategy", "least-latency"),
                bad("misspelt provider property", p -> p.put("gatehouse.ai.provider.openai.apikey", "x"),
                        "gatehouse.ai.provider.openai.apikey", "misspelt"),
                bad("property of an unlisted alias", p -> p.put("gatehouse.ai.alias.other.targets", "openai/x"),
                        "gatehouse.ai.alias.other.targets", "does not list"),
                bad("authorization as an extra header", p -> p.put(
                        "gatehouse.ai.provider.openai.header.Authorization", "Bearer x"),
                        "gatehouse.ai.provider.openai.header.Authorization", "api-key"),
                bad("bad base path", p -> p.put("gatehouse.ai.base-path", "v1/"), "gatehouse.ai.base-path", "/v1"),
                bad("negative retries", p -> p.put("gatehouse.ai.provider.openai.max-retries", "-1"),
                        "gatehouse.ai.provider.openai.max-retries", "between 0 and 10"),
                bad("zero timeout", p -> p.put("gatehouse.ai.provider.openai.response-timeout", "0"),
                        "gatehouse.ai.provider.openai.response-timeout", "positive"),
                bad("zero stream idle timeout", p -> p.put("gatehouse.ai.provider.openai.stream-idle-timeout",
                        "PT0S"), "gatehouse.ai.provider.openai.stream-idle-timeout", "positive"),
                bad("stream first-chunk timeout that is not a duration", p -> p.put(
                        "gatehouse.ai.provider.claude.stream-first-chunk-timeout", "five minutes"),
                        "gatehouse.ai.provider.claude.stream-first-chunk-timeout", "ISO-8601"),
                bad("negative stream idle timeout", p -> p.put("gatehouse.ai.provider.local.stream-idle-timeout",
                        "-PT1S"), "gatehouse.ai.provider.local.stream-idle-timeout", "negative"),
                bad("price of an unknown provider", p -> p.put("gatehouse.ai.prices", "mistral/large=1:2"),
                        "gatehouse.ai.prices", "mistral"),
                bad("price that is not a number", p -> p.put("gatehouse.ai.prices", "openai/gpt-4o-mini=cheap:2"),
                        "gatehouse.ai.prices", "not a number"),
                bad("price without output", p -> p.put("gatehouse.ai.prices", "openai/gpt-4o-mini=1"),
                        "gatehouse.ai.prices", "input:output"),
                bad("group budget without its group", p -> {
                    p.put("gatehouse.ai.budgets", "b");
                    p.put("gatehouse.ai.budget.b.per", "group");
                    p.put("gatehouse.ai.budget.b.requests-per-minute", "5");
                }, "gatehouse.ai.budget.b.group", "per=group"),
                bad("budget without a limit", p -> p.put("gatehouse.ai.budgets", "b"),
                        "gatehouse.ai.budget.b.requests-per-minute", "at least one"),
                bad("budget keyed on something unknown", p -> {
                    p.put("gatehouse.ai.budgets", "b");
                    p.put("gatehouse.ai.budget.b.per", "ip");
                }, "gatehouse.ai.budget.b.per", "subject, client_id or group"),
                bad("duplicate provider", p -> p.put("gatehouse.ai.providers", "openai,openai,claude,local"),
                        "gatehouse.ai.providers", "twice"),
                bad("usage rotation without a usage file", p -> p.put("gatehouse.ai.usage.file.max-files", "3"),
                        "gatehouse.ai.usage.file.max-files", "applies only with gatehouse.ai.usage.file.path"),
                bad("usage files kept: none", p -> {
                    p.put("gatehouse.ai.usage.file.path", "/var/lib/app/usage.log");
                    p.put("gatehouse.ai.usage.file.max-files", "0");
                }, "gatehouse.ai.usage.file.max-files", "at least 1"),
                bad("usage file rotated at no size", p -> {
                    p.put("gatehouse.ai.usage.file.path", "/var/lib/app/usage.log");
                    p.put("gatehouse.ai.usage.file.max-size", "0");
                }, "gatehouse.ai.usage.file.max-size", "at least 1"),
                bad("usage replay window that is not a duration", p -> {
                    p.put("gatehouse.ai.usage.file.path", "/var/lib/app/usage.log");
                    p.put("gatehouse.ai.usage.replay-window", "a month");
                }, "gatehouse.ai.usage.replay-window", "ISO-8601"),
                bad("misspelt usage property", p -> p.put("gatehouse.ai.usage.files", "/var/lib/app/usage.log"),
                        "gatehouse.ai.usage.files", "misspelt"));
    }

    private static Arguments bad(String name, Consumer<Map<String, String>> change, String property, String fragment) {
        return Arguments.of(name, change, property, fragment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigurations")
    void loadWhenConfigurationBadThenFailsNamingProperty(String name, Consumer<Map<String, String>> change,
            String property, String fragment) {
        Map<String, String> properties = valid();
        change.accept(properties);
        ConfigException e = assertThrows(ConfigException.class, () -> load(properties));
        assertEquals(property, e.property());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains("sk-test-secret"), "no key in the message");
    }

    @Test
    void loadWhenNoUsageFileThenRecordsInMemoryOnly() {
        assertEquals(UsageStoreSettings.MEMORY_ONLY, load(valid()).usageStore());
    }

    @Test
    void loadWhenUsageFileSetThenItsRotationAndReplayWindow() {
        Map<String, String> properties = valid();
        properties.put("gatehouse.ai.usage.file.path", " /var/lib/app/usage.log ");
        UsageStoreSettings defaults = load(properties).usageStore();
        assertEquals(AuditFileSettings.of(Path.of("/var/lib/app/usage.log")), defaults.file());
        assertEquals(Duration.ofDays(31), defaults.replayWindow());

        properties.put("gatehouse.ai.usage.file.max-size", "1000");
        properties.put("gatehouse.ai.usage.file.max-files", "3");
        properties.put("gatehouse.ai.usage.replay-window", "P7D");
        UsageStoreSettings configured = load(properties).usageStore();
        assertEquals(new AuditFileSettings(Path.of("/var/lib/app/usage.log"), 1000, 3), configured.file());
        assertEquals(Duration.ofDays(7), configured.replayWindow());
    }

    @Test
    void plainHttpAllowedByTheDangerousSwitch() {
        Map<String, String> properties = valid();
        properties.put("gatehouse.ai.provider.openai.base-url", "http://gpu-box.internal:8000/v1");
        properties.put("gatehouse.ai.provider.openai.insecure-allow-http", "true");
        assertEquals("http", load(properties).providers().get("openai").baseUrl().getScheme());
    }
}

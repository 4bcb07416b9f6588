package dev.gatehouse.cdi.ai.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.gatehouse.cdi.ai.budget.BudgetSettings;
import dev.gatehouse.cdi.ai.provider.ProviderSettings;
import dev.gatehouse.cdi.ai.usage.PriceTable;
import dev.gatehouse.filter.config.ConfigException;
import dev.gatehouse.filter.config.ConfigReader;
import dev.gatehouse.filter.config.ConfigValues;

/**
 * Reads {@code gatehouse.ai.*} into {@link AiSettings}. Every problem fails the deployment with a
 * {@link ConfigException} naming the property: unknown provider kinds, targets naming unknown providers, plain
 * {@code http} to anything but loopback unless the dangerous switch allows it, misspelt property names.
 *
 * <pre>
 * gatehouse.ai.providers=openai,claude
 * gatehouse.ai.provider.openai.kind=openai
 * gatehouse.ai.provider.openai.base-url=https://api.openai.com/v1
 * gatehouse.ai.provider.openai.api-key=${OPENAI_API_KEY}
 * gatehouse.ai.aliases=chat
 * gatehouse.ai.alias.chat.targets=openai/gpt-4o-mini,claude/claude-3-5-haiku-latest
 * gatehouse.ai.alias.chat.roles=user
 * </pre>
 */
public final class AiSettingsLoader {

    public static final String PREFIX = "gatehouse.ai.";
    public static final String BASE_PATH = PREFIX + "base-path";
    public static final String PROVIDERS = PREFIX + "providers";
    public static final String PROVIDER = PREFIX + "provider.";
    public static final String ALIASES = PREFIX + "aliases";
    public static final String ALIAS = PREFIX + "alias.";
    public static final String ROUTING = PREFIX + "routing.";
    public static final String PRICES = PREFIX + "prices";
    public static final String BUDGETS = PREFIX + "budgets";
    public static final String BUDGET = PREFIX + "budget.";
    public static final String USAGE_ADMIN_ROLE = PREFIX + "usage.admin-role";
    /** The usage file ({@link UsageConfig}); a problem opening it at startup fails the deployment naming it. */
    public static final String USAGE_FILE = UsageConfig.FILE;

    /**
     * Provider property, default {@link ProviderSettings#DEFAULT_STREAM_FIRST_CHUNK_TIMEOUT}: the longest silence of a
     * stream before its first chunk. Longer, and the call is cancelled and retried or fallen back from; too short cuts
     * off reasoning models that think without keep-alives.
     */
    static final String STREAM_FIRST_CHUNK_TIMEOUT = "stream-first-chunk-timeout";
    /**
     * Provider property, default {@link ProviderSettings#DEFAULT_STREAM_IDLE_TIMEOUT}: the longest silence of a stream
     * after its first chunk. Longer, and the call is cancelled and the caller's stream ends in an error event.
     */
    static final String STREAM_IDLE_TIMEOUT = "stream-idle-timeout";
    static final Set<String> KINDS = Set.of("openai", "anthropic", "gemini");
    private static final Set<String> PROVIDER_PROPERTIES = Set.of("kind", "base-url", "api-key", "connect-timeout",
            "response-timeout", STREAM_FIRST_CHUNK_TIMEOUT, STREAM_IDLE_TIMEOUT, "max-retries", "insecure-allow-http");
    private static final Set<String> ALIAS_PROPERTIES = Set.of("targets", "strategy", "weights", "roles", "cache-ttl",
            "cache-shared");
    private static final Set<String> BUDGET_PROPERTIES = Set.of("per", "group", "requests-per-minute",
            "tokens-per-minute", "cost", "cost-period");
    private static final Set<String> ROUTING_PROPERTIES = Set.of("retry-base-delay", "retry-max-delay",
            "breaker-failures", "breaker-cooldown");
    private static final String NAME = "[A-Za-z0-9._-]+";
    /** Credentials go through api-key; the rest the HTTP client sets itself (and refuses to take from us). */
    private static final Set<String> FORBIDDEN_HEADERS = Set.of("authorization", "x-api-key", "x-goog-api-key",
            "host", "connection", "content-length", "expect", "upgrade", "content-type", "transfer-encoding");

    private final ConfigReader config;
    private final ConfigValues values;

    public AiSettingsLoader(ConfigReader config) {
        this.config = config;
        this.values = new ConfigValues(config);
    }

    public AiSettings load() {
        List<String> providerNames = names(PROVIDERS);
        List<String> aliasNames = names(ALIASES);
        List<String> budgetNames = names(BUDGETS);
        checkNames(Set.copyOf(providerNames), Set.copyOf(aliasNames), Set.copyOf(budgetNames));
        Map<String, ProviderSettings> providers = new LinkedHashMap<>();
        providerNames.forEach(name -> providers.put(name, provider(name)));
        Map<String, AliasSettings> aliases = new LinkedHashMap<>();
        aliasNames.forEach(name -> aliases.put(name, alias(name, providers.keySet())));
        String basePath = values.string(BASE_PATH).orElse("/v1");
        if (!basePath.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw new ConfigException(BASE_PATH, "must be a path such as /v1 (segments of letters, digits, . _ ~ -)");
        }
        List<BudgetSettings> budgets = new ArrayList<>();
        budgetNames.forEach(name -> budgets.add(budget(name)));
        return new AiSettings(basePath, providers, aliases, routing(), prices(providers.keySet()),
                values.string(USAGE_ADMIN_ROLE).orElse("admin"), budgets, new UsageConfig(values).load());
    }

    private List<String> names(String property) {
        List<String> names = values.list(property).orElse(List.of());
        for (String name : names) {
            if (!name.matches(NAME)) {
                throw new ConfigException(property, "name '" + name + "' may use only letters, digits, . _ -");
            }
        }
        if (new LinkedHashSet<>(names).size() != names.size()) {
            throw new ConfigException(property, "names a provider or alias twice");
        }
        return names;
    }

    private ProviderSettings provider(String name) {
        String prefix = PROVIDER + name + ".";
        String kind = values.string(prefix + "kind").map(k -> k.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new ConfigException(prefix + "kind", "is required (openai, anthropic or gemini)"));
        if (!KINDS.contains(kind)) {
            throw new ConfigException(prefix + "kind", "unknown provider kind '" + kind + "'; use openai, anthropic or gemini");
        }
        URI baseUrl = baseUrl(prefix + "base-url", values.bool(prefix + "insecure-allow-http", false));
        int maxRetries = values.integer(prefix + "max-retries", 2);
        if (maxRetries < 0 || maxRetries > 10) {
            throw new ConfigException(prefix + "max-retries", "must be between 0 and 10");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String headerPrefix = prefix + "header.";
        for (String property : config.names()) {
            if (property.startsWith(headerPrefix)) {
                String header = property.substring(headerPrefix.length());
                if (!header.matches("[A-Za-z0-9-]+") || FORBIDDEN_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                    throw new ConfigException(property, "is not a header Gatehouse may set (use api-key for credentials)");
                }
                headers.put(header, values.string(property).orElse(""));
            }
        }
        return new ProviderSettings(name, kind, baseUrl, values.string(prefix + "api-key").orElse(null),
                positive(prefix + "connect-timeout", Duration.ofSeconds(5)),
                positive(prefix + "response-timeout", Duration.ofSeconds(60)),
                positive(prefix + STREAM_FIRST_CHUNK_TIMEOUT, ProviderSettings.DEFAULT_STREAM_FIRST_CHUNK_TIMEOUT),
                positive(prefix + STREAM_IDLE_TIMEOUT, ProviderSettings.DEFAULT_STREAM_IDLE_TIMEOUT), maxRetries,
                headers);
    }

    private URI baseUrl(String property, boolean allowHttp) {
        String text = values.string(property).orElseThrow(() -> new ConfigException(property, "is required"));
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new ConfigException(property, "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))
                || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
            throw new ConfigException(property, "must be an http(s) URL without query, fragment or credentials");
        }
        if (scheme.equals("http") && !allowHttp && !isLoopback(uri.getHost())) {
            throw new ConfigException(property, "uses plain http to a remote host (the API key would travel in clear); "
                    + "use https, or set the dangerous switch insecure-allow-http=true for this provider");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    private AliasSettings alias(String name, Set<String> providers) {
        String prefix = ALIAS + name + ".";
        List<String> targetTexts = values.list(prefix + "targets")
                .orElseThrow(() -> new ConfigException(prefix + "targets", "is required (provider/model, ...)"));
        List<Target> targets = new ArrayList<>();
        for (String text : targetTexts) {
            Target target;
            try {
                target = Target.parse(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(prefix + "targets", e.getMessage());
            }
            if (!providers.contains(target.provider())) {
                throw new ConfigException(prefix + "targets", "names provider '" + target.provider()
                        + "', which " + PROVIDERS + " does not list");
            }
            targets.add(target);
        }
        Strategy strategy = values.string(prefix + "strategy").map(s -> strategy(prefix + "strategy", s))
                .orElse(Strategy.PRIORITY);
        List<Integer> weights = new ArrayList<>();
        for (String weight : values.list(prefix + "weights").orElse(List.of())) {
            try {
                weights.add(Integer.parseInt(weight));
            } catch (NumberFormatException e) {
                throw new ConfigException(prefix + "weights", "'" + weight + "' is not a whole number");
            }
        }
        if (strategy == Strategy.WEIGHTED && (weights.size() != targets.size() || weights.stream().anyMatch(w -> w < 0)
                || weights.stream().mapToInt(Integer::intValue).sum() == 0)) {
            throw new ConfigException(prefix + "weights", "needs one non-negative weight per target, not all zero");
        }
        if (strategy != Strategy.WEIGHTED && !weights.isEmpty()) {
            throw new ConfigException(prefix + "weights", "applies only to strategy=weighted");
        }
        Duration cacheTtl = values.duration(prefix + "cache-ttl").filter(d -> !d.isZero()).orElse(null);
        return new AliasSettings(name, targets, strategy, weights,
                new LinkedHashSet<>(values.list(prefix + "roles").orElse(List.of())), cacheTtl,
                values.bool(prefix + "cache-shared", false));
    }

    private static Strategy strategy(String property, String value) {
        try {
            return Strategy.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(property, "must be priority, weighted or least-latency, not '" + value + "'");
        }
    }

    private BudgetSettings budget(String name) {
        String prefix = BUDGET + name + ".";
        BudgetSettings.Per per;
        try {
            per = values.string(prefix + "per").map(BudgetSettings.Per::parse).orElse(BudgetSettings.Per.SUBJECT);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(prefix + "per", "must be subject, client_id or group");
        }
        String group = values.string(prefix + "group").orElse(null);
        if (per == BudgetSettings.Per.GROUP && group == null) {
            throw new ConfigException(prefix + "group", "is required with per=group");
        }
        java.math.BigDecimal cost;
        try {
            cost = new java.math.BigDecimal(values.string(prefix + "cost").orElse("0"));
        } catch (NumberFormatException e) {
            throw new ConfigException(prefix + "cost", "must be a number");
        }
        long rpm = values.longValue(prefix + "requests-per-minute", 0);
        long tpm = values.longValue(prefix + "tokens-per-minute", 0);
        if (rpm <= 0 && tpm <= 0 && cost.signum() <= 0) {
            throw new ConfigException(prefix + "requests-per-minute",
                    "a budget needs at least one of requests-per-minute, tokens-per-minute, cost");
        }
        return new BudgetSettings(name, per, group, rpm, tpm, cost, positive(prefix + "cost-period", Duration.ofDays(1)));
    }

    private PriceTable prices(Set<String> providers) {
        List<String> entries = values.list(PRICES).orElse(List.of());
        PriceTable table;
        try {
            table = PriceTable.parse(entries);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PRICES, e.getMessage());
        }
        for (String entry : entries) {
            String provider = entry.substring(0, Math.max(0, entry.indexOf('/'))).strip();
            if (!providers.contains(provider)) {
                throw new ConfigException(PRICES, "names provider '" + provider + "', which " + PROVIDERS + " does not list");
            }
        }
        return table;
    }

    private RoutingSettings routing() {
        RoutingSettings d = RoutingSettings.DEFAULTS;
        int failures = values.integer(ROUTING + "breaker-failures", d.breakerFailures());
        if (failures < 1) {
            throw new ConfigException(ROUTING + "breaker-failures", "must be at least 1");
        }
        return new RoutingSettings(positive(ROUTING + "retry-base-delay", d.retryBaseDelay()),
                positive(ROUTING + "retry-max-delay", d.retryMaxDelay()), failures,
                positive(ROUTING + "breaker-cooldown", d.breakerCooldown()));
    }

    private Duration positive(String property, Duration defaultValue) {
        Duration value = values.duration(property).orElse(defaultValue);
        if (value.isZero()) {
            throw new ConfigException(property, "must be positive");
        }
        return value;
    }

    /** Every {@code gatehouse.ai.*} name must be one this loader reads: a misspelling fails the deployment. */
    private void checkNames(Set<String> providers, Set<String> aliases, Set<String> budgets) {
        for (String name : config.names()) {
            if (!name.startsWith(PREFIX) || name.equals(BASE_PATH) || name.equals(PROVIDERS) || name.equals(ALIASES)
                    || name.equals(PRICES) || name.equals(USAGE_ADMIN_ROLE) || name.equals(BUDGETS)
                    || UsageConfig.PROPERTIES.contains(name)) {
                continue;
            }
            if (!known(name, PROVIDER, providers, PROVIDER_PROPERTIES, true)
                    && !known(name, ALIAS, aliases, ALIAS_PROPERTIES, false)
                    && !known(name, BUDGET, budgets, BUDGET_PROPERTIES, false)
                    && !(name.startsWith(ROUTING) && ROUTING_PROPERTIES.contains(name.substring(ROUTING.length())))) {
                throw new ConfigException(name, "is not a Gatehouse AI property, or belongs to a provider or alias "
                        + "that " + PROVIDERS + " / " + ALIASES + " does not list (misspelt?)");
            }
        }
    }

    private static boolean known(String name, String prefix, Set<String> listed, Set<String> properties,
            boolean headers) {
        if (!name.startsWith(prefix)) {
            return false;
        }
        String rest = name.substring(prefix.length());
        for (String entry : listed) {
            if (rest.startsWith(entry + ".")) {
                String property = rest.substring(entry.length() + 1);
                if (properties.contains(property) || headers && property.startsWith("header.")) {
                    return true;
                }
            }
        }
        return false;
    }
}

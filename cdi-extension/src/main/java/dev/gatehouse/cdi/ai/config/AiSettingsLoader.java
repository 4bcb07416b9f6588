package dev.gatehouse.cdi.ai.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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

    private static final Set<String> BUDGET_PROPERTIES = Set.of("per", "group", "requests-per-minute",
            "tokens-per-minute", "cost", "cost-period");
    private static final Set<String> ROUTING_PROPERTIES = Set.of("retry-base-delay", "retry-max-delay",
            "breaker-failures", "breaker-cooldown");
    private static final String NAME = "[A-Za-z0-9._-]+";

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
        ProviderConfig providerConfig = new ProviderConfig(config, values);
        providerNames.forEach(name -> providers.put(name, providerConfig.load(name)));
        Map<String, AliasSettings> aliases = new LinkedHashMap<>();
        AliasConfig aliasConfig = new AliasConfig(values);
        aliasNames.forEach(name -> aliases.put(name, aliasConfig.load(name, providers.keySet())));
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
        return new BudgetSettings(name, per, group, rpm, tpm, cost,
                values.positiveDuration(prefix + "cost-period", Duration.ofDays(1)));
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
        return new RoutingSettings(values.positiveDuration(ROUTING + "retry-base-delay", d.retryBaseDelay()),
                values.positiveDuration(ROUTING + "retry-max-delay", d.retryMaxDelay()), failures,
                values.positiveDuration(ROUTING + "breaker-cooldown", d.breakerCooldown()));
    }

    /** Every {@code gatehouse.ai.*} name must be one this loader reads: a misspelling fails the deployment. */
    private void checkNames(Set<String> providers, Set<String> aliases, Set<String> budgets) {
        for (String name : config.names()) {
            if (!name.startsWith(PREFIX) || name.equals(BASE_PATH) || name.equals(PROVIDERS) || name.equals(ALIASES)
                    || name.equals(PRICES) || name.equals(USAGE_ADMIN_ROLE) || name.equals(BUDGETS)
                    || UsageConfig.PROPERTIES.contains(name)) {
                continue;
            }
            if (!known(name, PROVIDER, providers, ProviderConfig.PROPERTIES, true)
                    && !known(name, ALIAS, aliases, AliasConfig.PROPERTIES, false)
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

package dev.gatehouse.cdi.ai.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.gatehouse.cdi.ai.budget.BudgetSettings;
import dev.gatehouse.cdi.ai.provider.ProviderSettings;
import dev.gatehouse.cdi.ai.usage.PriceTable;
import dev.gatehouse.cdi.ai.usage.UsageStoreSettings;

/**
 * The AI gateway's whole configuration, validated at deployment: providers, aliases over them, where the OpenAI-style
 * API is served, retries. Immutable.
 *
 * @param basePath where {@code /chat/completions} and {@code /models} are served, e.g. {@code /v1}
 * @param prices cost per target ({@code gatehouse.ai.prices})
 * @param budgets request, token and cost limits ({@code gatehouse.ai.budget.*})
 * @param usageAdminRole the role that may read every caller's usage ({@code gatehouse.ai.usage.admin-role})
 * @param usageStore where usage records are kept ({@code gatehouse.ai.usage.file.path}, ...)
 */
public record AiSettings(String basePath, Map<String, ProviderSettings> providers, Map<String, AliasSettings> aliases,
        RoutingSettings routing, PriceTable prices, String usageAdminRole, List<BudgetSettings> budgets,
        UsageStoreSettings usageStore) {

    public AiSettings {
        providers = Map.copyOf(providers);
        aliases = Map.copyOf(aliases);
        budgets = List.copyOf(budgets);
        Objects.requireNonNull(usageStore, "usageStore");
    }

    /** Usage records in memory only ({@link UsageStoreSettings#MEMORY_ONLY}). */
    public AiSettings(String basePath, Map<String, ProviderSettings> providers, Map<String, AliasSettings> aliases,
            RoutingSettings routing, PriceTable prices, String usageAdminRole, List<BudgetSettings> budgets) {
        this(basePath, providers, aliases, routing, prices, usageAdminRole, budgets, UsageStoreSettings.MEMORY_ONLY);
    }

    /** Whether anything is configured (no providers: the gateway is off). */
    public boolean enabled() {
        return !providers.isEmpty();
    }

    public Optional<AliasSettings> alias(String name) {
        return Optional.ofNullable(aliases.get(name));
    }
}

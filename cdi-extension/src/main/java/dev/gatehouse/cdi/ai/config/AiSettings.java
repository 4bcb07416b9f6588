package dev.gatehouse.cdi.ai.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.gatehouse.cdi.ai.budget.BudgetSettings;
import dev.gatehouse.cdi.ai.provider.ProviderSettings;
import dev.gatehouse.cdi.ai.usage.PriceTable;

/**
 * The AI gateway's whole configuration, validated at deployment: providers, aliases over them, where the OpenAI-style
 * API is served, retries. Immutable.
 *
 * @param basePath where {@code /chat/completions} and {@code /models} are served, e.g. {@code /v1}
 * @param prices cost per target ({@code gatehouse.ai.prices})
 * @param budgets request, token and cost limits ({@code gatehouse.ai.budget.*})
 * @param usageAdminRole the role that may read every caller's usage ({@code gatehouse.ai.usage.admin-role})
 */
public record AiSettings(String basePath, Map<String, ProviderSettings> providers, Map<String, AliasSettings> aliases,
        RoutingSettings routing, PriceTable prices, String usageAdminRole, List<BudgetSettings> budgets) {

    public AiSettings {
        providers = Map.copyOf(providers);
        aliases = Map.copyOf(aliases);
        budgets = List.copyOf(budgets);
    }

    /** Whether anything is configured (no providers: the gateway is off). */
    public boolean enabled() {
        return !providers.isEmpty();
    }

    public Optional<AliasSettings> alias(String name) {
        return Optional.ofNullable(aliases.get(name));
    }
}

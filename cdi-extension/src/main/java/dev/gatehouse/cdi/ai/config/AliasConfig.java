package dev.gatehouse.cdi.ai.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.gatehouse.filter.config.ConfigException;
import dev.gatehouse.filter.config.ConfigValues;

/**
 * Reads one model alias, {@code gatehouse.ai.alias.NAME.*}, into {@link AliasSettings}: targets on listed providers,
 * strategy and weights, roles, response cache. Every refusal names its property.
 */
final class AliasConfig {

    static final Set<String> PROPERTIES = Set.of("targets", "strategy", "weights", "roles", "cache-ttl",
            "cache-shared");

    private final ConfigValues values;

    AliasConfig(ConfigValues values) {
        this.values = values;
    }

    AliasSettings load(String name, Set<String> providers) {
        String prefix = AiSettingsLoader.ALIAS + name + ".";
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
                        + "', which " + AiSettingsLoader.PROVIDERS + " does not list");
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
}

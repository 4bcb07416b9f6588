package dev.gatehouse.cdi.ai.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

import dev.gatehouse.cdi.ai.config.AliasSettings;
import dev.gatehouse.cdi.ai.config.Target;

/**
 * The order in which one call tries an alias's targets, by the alias's strategy; targets that may get no request now
 * (Retry-After, cooled down) are left out.
 */
public final class TargetOrder {

    private final TargetHealth health;
    private final RandomGenerator random;

    public TargetOrder(TargetHealth health, RandomGenerator random) {
        this.health = health;
        this.random = random;
    }

    public List<Target> of(AliasSettings alias) {
        List<Target> ordered = switch (alias.strategy()) {
            case PRIORITY -> new ArrayList<>(alias.targets());
            case WEIGHTED -> weighted(alias);
            case LEAST_LATENCY -> leastLatency(alias);
        };
        ordered.removeIf(t -> !health.available(t));
        return ordered;
    }

    private List<Target> weighted(AliasSettings alias) {
        List<Target> left = new ArrayList<>(alias.targets());
        List<Integer> weights = new ArrayList<>(alias.weights());
        List<Target> ordered = new ArrayList<>();
        while (!left.isEmpty()) {
            int total = weights.stream().mapToInt(Integer::intValue).sum();
            int index = 0;
            if (total > 0) {
                int draw = random.nextInt(total);
                while (draw >= weights.get(index)) {
                    draw -= weights.get(index);
                    index++;
                }
            }
            ordered.add(left.remove(index));
            weights.remove(index);
        }
        return ordered;
    }

    private List<Target> leastLatency(AliasSettings alias) {
        List<Target> ordered = new ArrayList<>(alias.targets());
        // stable sort: unmeasured targets first (so they get measured), in configured order
        ordered.sort(Comparator.comparingDouble(t -> {
            double latency = health.latencyMillis(t);
            return Double.isNaN(latency) ? -1 : latency;
        }));
        return ordered;
    }
}

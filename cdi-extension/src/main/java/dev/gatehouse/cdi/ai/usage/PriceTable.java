package dev.gatehouse.cdi.ai.usage;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.cdi.ai.config.Target;

/**
 * Prices by target, from {@code gatehouse.ai.prices}: entries {@code provider/model=input:output[:cachedInput]}, per
 * million tokens, separated by commas, e.g. {@code openai/gpt-4o-mini=0.15:0.60:0.075}. A target without an entry
 * costs nothing (and says so: {@link #has}).
 */
public final class PriceTable {

    public static final PriceTable NONE = new PriceTable(Map.of());

    private final Map<Target, Price> prices;

    private PriceTable(Map<Target, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    /**
     * @throws IllegalArgumentException describing the entry that is not {@code provider/model=input:output[:cached]}
     */
    public static PriceTable parse(List<String> entries) {
        Map<Target, Price> prices = new HashMap<>();
        for (String entry : entries) {
            int equals = entry.lastIndexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("'" + entry + "' is not provider/model=input:output[:cachedInput]");
            }
            Target target = Target.parse(entry.substring(0, equals).strip());
            String[] amounts = entry.substring(equals + 1).strip().split(":");
            if (amounts.length < 2 || amounts.length > 3) {
                throw new IllegalArgumentException("'" + entry + "' is not provider/model=input:output[:cachedInput]");
            }
            try {
                BigDecimal input = new BigDecimal(amounts[0].strip());
                BigDecimal output = new BigDecimal(amounts[1].strip());
                BigDecimal cached = amounts.length == 3 ? new BigDecimal(amounts[2].strip()) : input;
                prices.put(target, new Price(input, output, cached));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + entry + "' has a price that is not a number");
            }
        }
        return new PriceTable(prices);
    }

    public Price of(Target target) {
        return prices.getOrDefault(target, Price.FREE);
    }

    public boolean has(Target target) {
        return prices.containsKey(target);
    }
}

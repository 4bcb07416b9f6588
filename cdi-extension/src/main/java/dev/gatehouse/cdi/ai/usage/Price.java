package dev.gatehouse.cdi.ai.usage;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

import dev.gatehouse.cdi.ai.provider.Usage;

/**
 * What a target's tokens cost, in the configured currency per million tokens. Cached prompt tokens are charged at
 * {@code cachedInput} (providers discount them), the rest of the prompt at {@code input}, completion (reasoning
 * included) at {@code output}.
 */
public record Price(BigDecimal input, BigDecimal output, BigDecimal cachedInput) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public Price {
        Objects.requireNonNull(input);
        Objects.requireNonNull(output);
        Objects.requireNonNull(cachedInput);
        if (input.signum() < 0 || output.signum() < 0 || cachedInput.signum() < 0) {
            throw new IllegalArgumentException("prices must not be negative");
        }
    }

    /** Nothing is charged (no price configured for the target). */
    public static final Price FREE = new Price(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    /** The cost of {@code usage}. */
    public BigDecimal cost(Usage usage) {
        long cached = Math.min(usage.cachedTokens(), usage.promptTokens());
        BigDecimal units = input.multiply(BigDecimal.valueOf(usage.promptTokens() - cached))
                .add(cachedInput.multiply(BigDecimal.valueOf(cached)))
                .add(output.multiply(BigDecimal.valueOf(usage.completionTokens())));
        return units.divide(MILLION, MathContext.DECIMAL64).stripTrailingZeros();
    }
}

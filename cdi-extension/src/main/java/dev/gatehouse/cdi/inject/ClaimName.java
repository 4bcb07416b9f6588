package dev.gatehouse.cdi.inject;

import java.lang.annotation.Annotation;
import java.util.Optional;

import jakarta.enterprise.inject.spi.InjectionPoint;

import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.Claims;

/**
 * The claim a {@link Claim} qualifier names: {@code standard} when set, else {@code value}. Both set is allowed only
 * when they name the same claim (MP-JWT 2.1 requires a deployment error otherwise).
 */
final class ClaimName {

    private ClaimName() {
    }

    /** The {@code @Claim} qualifier of {@code ip}, if it has one. */
    static Optional<Claim> qualifier(InjectionPoint ip) {
        for (Annotation qualifier : ip.getQualifiers()) {
            if (qualifier instanceof Claim claim) {
                return Optional.of(claim);
            }
        }
        return Optional.empty();
    }

    /** What is wrong with the name {@code claim} gives, if anything; phrased to follow "member: ". */
    static Optional<String> problem(Claim claim) {
        boolean hasValue = !claim.value().isEmpty();
        boolean hasStandard = claim.standard() != Claims.UNKNOWN;
        if (!hasValue && !hasStandard) {
            return Optional.of("@Claim needs a claim name (value or standard)");
        }
        if (hasValue && hasStandard && !claim.value().equals(claim.standard().name())) {
            return Optional.of("@Claim value \"" + claim.value() + "\" and standard " + claim.standard().name()
                    + " name different claims");
        }
        return Optional.empty();
    }

    /**
     * The claim's name.
     *
     * @throws IllegalArgumentException when {@link #problem} finds one (deployment catches that for {@code @Inject};
     *         only a programmatic lookup with a bad literal gets here)
     */
    static String of(Claim claim) {
        problem(claim).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return claim.standard() != Claims.UNKNOWN ? claim.standard().name() : claim.value();
    }
}

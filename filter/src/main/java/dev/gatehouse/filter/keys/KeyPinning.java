package dev.gatehouse.filter.keys;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decides, once per loaded key set, which algorithms each key may be used with. A key that is too weak, meant for
 * another use, or fits no configured algorithm is skipped with a warning when it is one of several; a lone key with
 * such a problem is an error.
 */
public final class KeyPinning {

    private final KeyPurpose purpose;
    private final Set<String> configured;
    private final Set<String> contentAlgorithms;

    /**
     * @param configured the configured algorithms for this purpose; empty means "the default for each key's type"
     *        (key management only)
     */
    public KeyPinning(KeyPurpose purpose, Set<String> configured, Set<String> contentAlgorithms) {
        this.purpose = purpose;
        this.configured = Set.copyOf(configured);
        this.contentAlgorithms = Set.copyOf(contentAlgorithms);
    }

    /**
     * Pins every key of {@code parsed}.
     *
     * @param warn receives one message per skipped key
     * @throws IllegalArgumentException when no key remains, or the only key is unusable (the message says why)
     */
    public KeySet pin(List<KeyParser.ParsedKey> parsed, Consumer<String> warn) {
        List<PinnedKey> pinned = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        for (KeyParser.ParsedKey key : parsed) {
            String problem = problem(key);
            if (problem == null && key.kid() != null && !kids.add(key.kid())) {
                problem = "duplicate kid";
            }
            if (problem != null) {
                if (parsed.size() == 1) {
                    throw new IllegalArgumentException(problem);
                }
                warn.accept("skipping key " + describe(key) + ": " + problem);
                continue;
            }
            pinned.add(new PinnedKey(key.kid(), key.key(), algorithms(key)));
        }
        if (pinned.isEmpty()) {
            throw new IllegalArgumentException("no usable key among " + parsed.size());
        }
        return new KeySet(pinned);
    }

    private String problem(KeyParser.ParsedKey key) {
        var weakness = AlgorithmPolicy.weakness(key.key());
        if (weakness.isPresent()) {
            return weakness.get();
        }
        if (key.use() != null && !key.use().equals(purpose.use())) {
            return "its \"use\" is \"" + key.use() + "\", not \"" + purpose.use() + "\"";
        }
        if (key.keyOps() != null && key.keyOps().stream().noneMatch(purpose::allowsOperation)) {
            return "its \"key_ops\" " + key.keyOps() + " do not allow " + purpose.name().toLowerCase();
        }
        if (algorithms(key).isEmpty()) {
            return key.alg() != null
                    ? "its \"alg\" " + key.alg() + " is not among the accepted algorithms " + candidates(key)
                            + " or does not fit the key"
                    : "no accepted algorithm " + candidates(key) + " fits this " + key.key().getAlgorithm() + " key";
        }
        return null;
    }

    private Set<String> algorithms(KeyParser.ParsedKey key) {
        Set<String> candidates = candidates(key);
        if (key.alg() != null) {
            candidates = candidates.contains(key.alg()) ? Set.of(key.alg()) : Set.of();
        }
        return AlgorithmPolicy.usableWith(key.key(), candidates, contentAlgorithms);
    }

    private Set<String> candidates(KeyParser.ParsedKey key) {
        return configured.isEmpty() ? AlgorithmPolicy.defaultKeyManagement(key.key()) : configured;
    }

    private static String describe(KeyParser.ParsedKey key) {
        return (key.kid() == null ? "without kid" : "kid " + key.kid()) + " (" + key.key().getAlgorithm() + ")";
    }
}

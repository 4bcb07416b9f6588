package dev.gatehouse.filter.token;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gatehouse.filter.config.FilterSettings;
import dev.gatehouse.filter.keys.KeySet;
import dev.gatehouse.filter.keys.KeySource;
import dev.gatehouse.filter.keys.KeySources;
import dev.gatehouse.filter.keys.KeysUnavailableException;

/**
 * A {@link CachingTokenValidator} over a full {@link Jose4jTokenValidator}, both on the same clock and on key sources
 * the test can refresh, replace or take down. {@link #fullValidations()} counts the calls that reached the full
 * validator: all the cryptography happens there, so a hit that did any would show up in it.
 */
final class CacheFixture {

    final CachingTokenValidator cached;
    final Jose4jTokenValidator full;
    final TestKeySource decryption;
    final TestKeySource verification;
    private final AtomicInteger fullValidations = new AtomicInteger();
    private volatile Runnable duringFullValidation = () -> { };

    CacheFixture(Setup setup, int size, Path dir, Clock clock) {
        FilterSettings settings = setup.with("gatehouse.jwt.cache.size", String.valueOf(size)).config(dir).settings();
        KeySources keys = KeySources.create(settings.keys(), settings.jose().contentAlgorithms(),
                getClass().getClassLoader(), clock);
        decryption = new TestKeySource(keys.decryption().keys());
        verification = new TestKeySource(keys.verification().keys());
        full = Setup.validator(settings, keys.keyManagementAlgorithms(), decryption, verification, clock);
        TokenValidator counted = token -> {
            fullValidations.incrementAndGet();
            duringFullValidation.run();
            return full.validate(token);
        };
        cached = new CachingTokenValidator(counted, settings.claims(), settings.jose(), decryption, verification,
                clock);
    }

    int fullValidations() {
        return fullValidations.get();
    }

    /** Runs {@code action} inside every later full validation, before jose4j starts (a racing key refresh). */
    void duringFullValidation(Runnable action) {
        duringFullValidation = action;
    }

    /** "accepted", or the name of the rejection. */
    static String outcome(TokenValidator validator, String token) {
        try {
            validator.validate(token);
            return "accepted";
        } catch (TokenRejectedException e) {
            return e.rejection().name();
        }
    }

    /** Keys the test refreshes (same keys, new set), replaces or takes down; counts reads. */
    static final class TestKeySource implements KeySource {
        private volatile KeySet keys;
        private volatile boolean unavailable;
        private final AtomicInteger reads = new AtomicInteger();

        TestKeySource(KeySet keys) {
            this.keys = keys;
        }

        @Override
        public KeySet keys() {
            reads.incrementAndGet();
            if (unavailable) {
                throw new KeysUnavailableException("test keys are down");
            }
            return keys;
        }

        /** The same keys in a new set, as a remote source's refresh makes them. */
        void refresh() {
            keys = new KeySet(keys.keys());
        }

        void replace(KeySet replacement) {
            keys = replacement;
        }

        void unavailable(boolean down) {
            unavailable = down;
        }

        int reads() {
            return reads.get();
        }
    }
}

package dev.gatehouse.filter.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

import dev.gatehouse.filter.config.ClaimSettings;
import dev.gatehouse.filter.config.ConfigKeys;
import dev.gatehouse.filter.config.JoseSettings;
import dev.gatehouse.filter.keys.KeySet;
import dev.gatehouse.filter.keys.KeySource;
import dev.gatehouse.filter.keys.KeysUnavailableException;

/**
 * Remembers tokens that passed the full validation and answers a repeat of exactly the same token without
 * cryptography (as Envoy's {@code jwt_authn} does with {@code jwt_cache_config}), with the decision the full
 * validation would give at that moment:
 * <ul>
 *   <li>Entries are found by the SHA-256 digest of the token: no {@code String.hashCode} collisions to flood a
 *       bucket with, and no character-by-character comparison with other callers' tokens. A hit also compares the
 *       whole token, which differs only on a digest collision.</li>
 *   <li>Only accepted tokens are stored. A rejected token is validated again each time and rejected the same way.</li>
 *   <li>An entry keeps the window {@code [validFrom, validUntil)}, in epoch seconds, in which every time check of the
 *       full validation passes, with skew {@code s}: jose4j rejects when {@code now - s >= exp} or
 *       {@code now + s < nbf}, {@link ClaimChecks} when {@code iat > now + s} or {@code now - s > iat + age}. So
 *       {@code validFrom = max(nbf - s, iat - s)} and {@code validUntil = min(exp + s, iat + age + s + 1)}. Every hit
 *       checks the window against the validator's clock; outside it the entry is dropped and the token validated in
 *       full, which gives the caller the exact rejection ({@code EXPIRED}, {@code TOO_OLD}, ...).</li>
 *   <li>An entry keeps the {@link KeySet} instances its key sources returned just before the full validation, and
 *       a hit needs the very same instances now. A remote key set that was refreshed (a new instance, even with the
 *       same keys) makes every token validate once more, and a token whose key is gone is then rejected; a refresh
 *       racing with a validation only costs one more validation. A bare JWS (signed-only mode) does not depend on
 *       decryption keys, which are then neither read nor compared. When a source has no keys
 *       ({@link KeysUnavailableException}) the cache is bypassed and the full validation answers as without it.</li>
 *   <li>At most {@link ConfigKeys#TOKEN_CACHE_SIZE} entries. When full, entries whose window has ended go first,
 *       then arbitrary ones until an eighth of the room is free. The map iterates in the order of the digests, so
 *       this is approximately random eviction: a busy gateway's active callers soon come back after it, at the cost
 *       of one validation each. An entry takes about 3 KB for a typical token: measured with 2,000 RSA-OAEP-256
 *       tokens of 1,336 characters and seven claims, 1.4 KB for the token string and 1.5 KB for its claims, the
 *       entry and the map's node. Tokens with more claims take more.</li>
 * </ul>
 * A decorator rather than part of {@link Jose4jTokenValidator}: validation stays one pass of checks, this class only
 * adds memory, and {@link Jose4jTokenValidator#create} leaves it out when the size is 0. The shared
 * {@link ValidatedToken} is immutable, so one instance can serve concurrent requests. Thread-safe.
 */
final class CachingTokenValidator implements TokenValidator {

    private final TokenValidator full;
    private final KeySource decryption;
    private final KeySource verification;
    private final Clock clock;
    private final long skew;
    private final long tokenAge;
    private final int maxTokenSize;
    private final boolean acceptSignedOnly;
    private final int capacity;
    private final ConcurrentHashMap<Digest, Entry> entries;
    private final Object storeLock = new Object();

    /**
     * @param full the validator whose accepted tokens are remembered, using {@code decryption}, {@code verification}
     *        and {@code clock}
     */
    CachingTokenValidator(TokenValidator full, ClaimSettings claims, JoseSettings jose, KeySource decryption,
            KeySource verification, Clock clock) {
        if (jose.cacheSize() < 1) {
            throw new IllegalArgumentException("cache size " + jose.cacheSize());
        }
        this.full = full;
        this.decryption = decryption;
        this.verification = verification;
        this.clock = clock;
        this.skew = claims.clockSkew().toSeconds();
        this.tokenAge = claims.tokenAge() == null ? -1 : claims.tokenAge().toSeconds();
        this.maxTokenSize = jose.maxTokenSize();
        this.acceptSignedOnly = jose.acceptSignedOnly();
        this.capacity = jose.cacheSize();
        this.entries = new ConcurrentHashMap<>(Math.min(capacity, 1024));
    }

    @Override
    public ValidatedToken validate(String token) throws TokenRejectedException {
        Keys keys = keysFor(token);
        if (keys == null) {
            return full.validate(token);
        }
        Digest digest = Digest.of(token);
        long now = clock.instant().getEpochSecond();
        Entry entry = entries.get(digest);
        if (entry != null) {
            if (entry.answers(token, keys, now)) {
                return entry.token();
            }
            entries.remove(digest, entry);
        }
        ValidatedToken validated = full.validate(token);
        store(digest, new Entry(validated, keys, validFrom(validated), validUntil(validated)), now);
        return validated;
    }

    /** Entries held now. */
    int size() {
        return entries.size();
    }

    /**
     * The key sets a validation of {@code token} would use, read now; {@code null} when the token bypasses the cache:
     * too large or of the wrong shape to be accepted (so a hostile token costs neither a digest nor a key lookup),
     * or keys unavailable.
     */
    private Keys keysFor(String token) {
        if (token.length() > maxTokenSize) {
            return null;
        }
        int dots = dots(token);
        if (dots != 4 && !(dots == 2 && acceptSignedOnly)) {
            return null;
        }
        try {
            return new Keys(dots == 4 ? decryption.keys() : null, verification.keys());
        } catch (KeysUnavailableException e) {
            return null;
        }
    }

    /** The number of dots, counting no further than five. */
    private static int dots(String token) {
        int count = 0;
        for (int at = token.indexOf('.'); at >= 0 && count < 5; at = token.indexOf('.', at + 1)) {
            count++;
        }
        return count;
    }

    private long validFrom(ValidatedToken token) {
        long from = minus(seconds(token, "iat"), skew);
        Object nbf = token.claim("nbf");
        return nbf == null ? from : Math.max(from, minus(((Number) nbf).longValue(), skew));
    }

    private long validUntil(ValidatedToken token) {
        long until = plus(seconds(token, "exp"), skew);
        return tokenAge < 0 ? until : Math.min(until, plus(plus(plus(seconds(token, "iat"), tokenAge), skew), 1));
    }

    /** A date claim as jose4j reads it ({@code Number.longValue()}); {@code exp} and {@code iat} are required. */
    private static long seconds(ValidatedToken token, String claim) {
        return ((Number) token.claim(claim)).longValue();
    }

    private static long plus(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static long minus(long a, long b) {
        long difference = a - b;
        return ((a ^ b) & (a ^ difference)) < 0 ? Long.MIN_VALUE : difference;
    }

    private void store(Digest digest, Entry entry, long now) {
        synchronized (storeLock) {
            if (entries.size() >= capacity && !entries.containsKey(digest)) {
                makeRoom(now);
            }
            entries.put(digest, entry);
        }
    }

    /** Frees at least an eighth of the room: entries whose window has ended, then arbitrary ones. */
    private void makeRoom(long now) {
        int wanted = Math.max(1, capacity / 8);
        int freed = 0;
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext();) {
            if (it.next().validUntil() <= now) {
                it.remove();
                freed++;
            }
        }
        for (Iterator<Entry> it = entries.values().iterator(); freed < wanted && it.hasNext();) {
            it.next();
            it.remove();
            freed++;
        }
    }

    /** The key sets of one validation; {@code decryption} is {@code null} for a bare JWS. Compared by identity. */
    private record Keys(KeySet decryption, KeySet verification) {

        boolean sameAs(Keys now) {
            return decryption == now.decryption && verification == now.verification;
        }
    }

    private record Entry(ValidatedToken token, Keys keys, long validFrom, long validUntil) {

        boolean answers(String presented, Keys now, long nowSeconds) {
            return keys.sameAs(now) && nowSeconds >= validFrom && nowSeconds < validUntil
                    && token.rawToken().equals(presented);
        }
    }

    /** A SHA-256 digest as four longs: a map key with value equality and a well-spread hash. */
    private record Digest(long a, long b, long c, long d) {

        /** Never updated: each digest starts from a copy of it (cheaper than looking the algorithm up per call). */
        private static final MessageDigest SHA_256 = sha256();

        /**
         * The digest of the token's ISO-8859-1 bytes (an array copy for the Latin-1 strings tokens are; any other
         * character becomes '?', which no accepted token contains).
         */
        static Digest of(String token) {
            ByteBuffer hash = ByteBuffer.wrap(fresh().digest(token.getBytes(StandardCharsets.ISO_8859_1)));
            return new Digest(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
        }

        /** Any 32 bits of a SHA-256 are as good a hash as all 256. */
        @Override
        public int hashCode() {
            return (int) a;
        }

        private static MessageDigest fresh() {
            try {
                return (MessageDigest) SHA_256.clone();
            } catch (CloneNotSupportedException e) {
                return sha256(); // a provider whose SHA-256 cannot be copied
            }
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every Java platform", e);
            }
        }
    }
}

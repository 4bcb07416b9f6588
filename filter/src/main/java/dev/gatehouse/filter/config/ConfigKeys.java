package dev.gatehouse.filter.config;

/**
 * Every configuration property Gatehouse reads, defined once. Names under {@code mp.jwt.*} carry the meaning
 * MicroProfile JWT 2.1 gives them; everything else lives under {@code gatehouse.*}. Each property can also be set
 * as an environment variable in the MicroProfile Config mapping ({@code mp.jwt.verify.issuer} →
 * {@code MP_JWT_VERIFY_ISSUER}).
 */
public final class ConfigKeys {

    private ConfigKeys() {
    }

    /** Prefix of Gatehouse's own properties; unknown names under it fail deployment. */
    public static final String PREFIX = "gatehouse.";

    /** {@code true} (default) activates the filter; {@code false} leaves the application unprotected. */
    public static final String ENABLED = "gatehouse.enabled";

    /** Comma list of servlet URL patterns the filter is mapped to. Default {@code /*}: every request is checked. */
    public static final String URL_PATTERNS = "gatehouse.url-patterns";

    /**
     * Comma list of paths served without a token ({@code /health}, {@code /public/*}). Default: none. A token sent to a
     * public path is still validated; an invalid one is rejected.
     */
    public static final String PUBLIC_PATHS = "gatehouse.public-paths";

    /** Comma list of rule names, evaluated in this order; the first rule whose paths and methods match decides. */
    public static final String RULES = "gatehouse.rules";

    /** Prefix of a named rule's properties: {@code gatehouse.rule.NAME.paths}, {@code .methods}, {@code .roles}. */
    public static final String RULE_PREFIX = "gatehouse.rule.";

    /** Realm in {@code WWW-Authenticate} challenges. Default {@code gatehouse}. RFC 6750 quoted-string characters only. */
    public static final String REALM = "gatehouse.realm";

    /**
     * Proxies whose {@code X-Forwarded-For} is believed for the audit's client address: IP addresses and CIDR blocks,
     * comma-separated. Default none: the connection's peer is logged.
     */
    public static final String TRUSTED_PROXIES = "gatehouse.trusted-proxies";

    /** Namespace of the audit properties. */
    public static final String AUDIT_PREFIX = "gatehouse.audit.";

    /** {@code false} switches the audit events off. Default {@code true}. */
    public static final String AUDIT_ENABLED = "gatehouse.audit.enabled";

    /**
     * Where audit events go: {@code jul} (default: logger {@code dev.gatehouse.audit}, INFO, one JSON line per event),
     * {@code file} (rotating file), or the name of an {@code AuditSink} found with {@link java.util.ServiceLoader}.
     */
    public static final String AUDIT_SINK = "gatehouse.audit.sink";

    /** File of the {@code file} sink (required with it). */
    public static final String AUDIT_FILE_PATH = "gatehouse.audit.file.path";

    /** Size in bytes at which the audit file is rotated. Default 10485760 (10 MiB). */
    public static final String AUDIT_FILE_MAX_SIZE = "gatehouse.audit.file.max-size";

    /** Number of audit files kept, the current one included. Default 5. */
    public static final String AUDIT_FILE_MAX_FILES = "gatehouse.audit.file.max-files";

    /**
     * Events waiting for the sink at most. Default 8192. The writer takes them in batches, 10 ms apart
     * ({@link dev.gatehouse.filter.logging.AsyncWriter#LINGER}), and is woken at once when half of this is taken.
     */
    public static final String AUDIT_QUEUE_CAPACITY = "gatehouse.audit.queue.capacity";

    /**
     * When the queue is full: {@code block} (default: the request waits up to {@link #AUDIT_QUEUE_BLOCK_TIMEOUT}, then
     * the event is dropped) or {@code drop} (at once). Drops are counted and logged as a warning.
     */
    public static final String AUDIT_QUEUE_FULL_POLICY = "gatehouse.audit.queue.full-policy";

    /** Longest wait of a request for room in a full queue (seconds or ISO-8601). Default PT0.05S. */
    public static final String AUDIT_QUEUE_BLOCK_TIMEOUT = "gatehouse.audit.queue.block-timeout";

    /** Where the token is read from: {@code Authorization} (default) or {@code Cookie} (MP-JWT 2.1). */
    public static final String TOKEN_HEADER = "mp.jwt.token.header";

    /** Cookie name when {@link #TOKEN_HEADER} is {@code Cookie}. Default {@code Bearer} (MP-JWT 2.1). */
    public static final String TOKEN_COOKIE = "mp.jwt.token.cookie";

    /** Required. The exact {@code iss} value accepted (no normalisation: case and trailing slash matter). */
    public static final String ISSUER = "mp.jwt.verify.issuer";

    /** Required. Comma list; a token's {@code aud} must contain at least one of them, compared exactly. */
    public static final String AUDIENCES = "mp.jwt.verify.audiences";

    /** Inline verification key(s): PEM public key or certificate, JWK or JWKS. Exclusive with the location. */
    public static final String VERIFY_KEY = "mp.jwt.verify.publickey";

    /** Verification key(s) location: absolute path, {@code file:}, {@code classpath:} or relative classpath name, or https URL. */
    public static final String VERIFY_KEY_LOCATION = "mp.jwt.verify.publickey.location";

    /**
     * Comma list of accepted signature algorithms. Default {@code RS256}. Allowed: RS256/384/512, PS256/384/512,
     * ES256/384/512, EdDSA. HMAC and {@code none} are refused: a shared secret lets every holder mint tokens.
     */
    public static final String VERIFY_ALGORITHM = "mp.jwt.verify.publickey.algorithm";

    /** Required. Location of the private key(s) that decrypt tokens (PKCS#8 PEM, JWK or JWKS); same forms as above. */
    public static final String DECRYPT_KEY_LOCATION = "mp.jwt.decrypt.key.location";

    /**
     * Comma list of accepted key-management algorithms. Default by key type: {@code RSA-OAEP-256} (RSA),
     * {@code ECDH-ES+A256KW} (EC), {@code dir} and {@code A256KW} (oct). {@code RSA-OAEP} (SHA-1) only when listed.
     * {@code RSA1_5} and PBES2 are always refused.
     */
    public static final String DECRYPT_ALGORITHM = "mp.jwt.decrypt.key.algorithm";

    /** Comma list of accepted content-encryption algorithms ({@code enc}). Default {@code A256GCM}. */
    public static final String CONTENT_ALGORITHM = "gatehouse.jwt.decrypt.content-algorithm";

    /** Seconds of clock skew tolerated for {@code exp}, {@code nbf} and {@code iat}. Default 60. */
    public static final String CLOCK_SKEW = "mp.jwt.verify.clock.skew";

    /** Seconds after {@code iat} beyond which a token is refused, whatever its {@code exp}. Default: no limit. */
    public static final String TOKEN_AGE = "mp.jwt.verify.token.age";

    /**
     * Longest lifetime accepted ({@code exp - iat}; with {@code iat} at most skew ahead this also bounds
     * {@code exp - now}): seconds or ISO-8601 ({@code PT24H}).
     * Default 24 hours. Limits the damage of a leaked long-lived token.
     */
    public static final String MAX_LIFETIME = "gatehouse.jwt.max-lifetime";

    /** Comma list of claims that must be present (beyond exp, iat, iss, aud and a principal name). Default: none. */
    public static final String REQUIRED_CLAIMS = "gatehouse.jwt.required-claims";

    /**
     * {@code mp-jwt} (default): {@code typ} absent, {@code JWT} or {@code at+jwt}. {@code rfc9068}: {@code typ} must
     * be {@code at+jwt}, and {@code sub}, {@code client_id}, {@code jti} are required (RFC 9068 access tokens).
     */
    public static final String PROFILE = "gatehouse.jwt.profile";

    /** Claim path of the caller's roles, dot-separated for nested objects ({@code realm_access.roles}). Default {@code groups}. */
    public static final String GROUPS_PATH = "gatehouse.jwt.groups.path";

    /** {@code true}: each value of the space-separated {@code scope} claim is also a role. Default {@code false}. */
    public static final String GROUPS_FROM_SCOPE = "gatehouse.jwt.groups.from-scope";

    /**
     * Group-to-role map, {@code group=role} pairs separated by commas (default: none, roles are the token's groups).
     * With a map, a caller has exactly the roles its groups map to; see {@link RoleMap}.
     */
    public static final String ROLE_MAP = "gatehouse.jwt.role-map";

    /** Largest token accepted, in characters, checked before any parsing. Default 16384. */
    public static final String MAX_TOKEN_SIZE = "gatehouse.jwt.max-token-size";

    /** Largest decoded JOSE header accepted, in bytes, for the JWE and the nested JWS. Default 4096. */
    public static final String MAX_HEADER_SIZE = "gatehouse.jwt.max-header-size";

    /**
     * Entries in the cache of validated tokens: default 1000, {@code 0} turns it off. A repeat of exactly the same
     * token is answered without cryptography, with the decision a full validation would give: only accepted tokens
     * are remembered, {@code exp}, {@code nbf}, {@code iat} and token age are re-checked on every use, and a changed
     * key set means a full validation again. About 3 KB per entry for a typical 1.3 KB token.
     */
    public static final String TOKEN_CACHE_SIZE = "gatehouse.jwt.cache.size";

    /**
     * {@code true} accepts compressed ({@code zip: DEF}) JWEs, decompressed by jose4j up to its limit
     * (system property {@code org.jose4j.zip.decompress-max-bytes}). Default {@code false}: compression is refused.
     */
    public static final String ALLOW_COMPRESSION = "gatehouse.jwt.allow-compression";

    /**
     * DANGEROUS migration switch. {@code true} also accepts tokens that are only signed (a bare JWS), so
     * their claims travel readable. Default {@code false}. Encrypted-only tokens are never accepted.
     */
    public static final String INSECURE_ACCEPT_SIGNED_ONLY = "gatehouse.jwt.insecure-accept-signed-only";

    /** How often keys from an https location are refetched: seconds or ISO-8601. Default 10 minutes. */
    public static final String KEYS_REFRESH_INTERVAL = "gatehouse.jwt.keys.refresh-interval";

    /** Least time between two refetches caused by an unknown {@code kid}. Default 30 seconds (limits kid floods). */
    public static final String KEYS_MIN_REFRESH_INTERVAL = "gatehouse.jwt.keys.min-refresh-interval";

    /** Connect and read timeout for key fetches. Default 5 seconds. */
    public static final String KEYS_HTTP_TIMEOUT = "gatehouse.jwt.keys.http-timeout";

    /**
     * DANGEROUS. {@code true} allows {@code http:} key locations (keys fetched without TLS can be replaced in
     * transit). Default {@code false}. Meant for tests on loopback only.
     */
    public static final String INSECURE_ALLOW_HTTP_KEYS = "gatehouse.jwt.keys.insecure-allow-http";
}

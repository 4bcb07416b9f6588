package dev.gatehouse.filter.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.gatehouse.filter.authz.AccessRule;
import dev.gatehouse.filter.authz.PathPattern;
import dev.gatehouse.filter.keys.AlgorithmPolicy;
import dev.gatehouse.filter.token.TokenTransport;

/**
 * Reads {@link FilterSettings} from a {@link ConfigReader} once, at deployment. Every problem becomes a
 * {@link ConfigException} naming the property: unknown values, malformed numbers and durations, refused algorithms,
 * misspelt {@code gatehouse.*} names.
 */
public final class SettingsLoader {

    private static final Set<String> KNOWN = Set.of(ConfigKeys.ENABLED, ConfigKeys.URL_PATTERNS,
            ConfigKeys.PUBLIC_PATHS, ConfigKeys.RULES, ConfigKeys.REALM, ConfigKeys.CONTENT_ALGORITHM,
            ConfigKeys.MAX_LIFETIME, ConfigKeys.REQUIRED_CLAIMS, ConfigKeys.PROFILE, ConfigKeys.GROUPS_PATH,
            ConfigKeys.GROUPS_FROM_SCOPE, ConfigKeys.ROLE_MAP, ConfigKeys.MAX_TOKEN_SIZE, ConfigKeys.MAX_HEADER_SIZE,
            ConfigKeys.TOKEN_CACHE_SIZE, ConfigKeys.ALLOW_COMPRESSION, ConfigKeys.INSECURE_ACCEPT_SIGNED_ONLY,
            ConfigKeys.KEYS_REFRESH_INTERVAL,
            ConfigKeys.KEYS_MIN_REFRESH_INTERVAL, ConfigKeys.KEYS_HTTP_TIMEOUT, ConfigKeys.INSECURE_ALLOW_HTTP_KEYS,
            ConfigKeys.TRUSTED_PROXIES, ConfigKeys.AUDIT_ENABLED, ConfigKeys.AUDIT_SINK, ConfigKeys.AUDIT_FILE_PATH,
            ConfigKeys.AUDIT_FILE_MAX_SIZE, ConfigKeys.AUDIT_FILE_MAX_FILES, ConfigKeys.AUDIT_QUEUE_CAPACITY,
            ConfigKeys.AUDIT_QUEUE_FULL_POLICY, ConfigKeys.AUDIT_QUEUE_BLOCK_TIMEOUT);
    /**
     * The filter owns {@code gatehouse.jwt.*}, {@code gatehouse.audit.*}, {@code gatehouse.rule.*} and single-segment
     * names; other modules own the rest.
     */
    private static final String FILTER_NAMESPACE = "gatehouse.jwt.";
    private static final Set<String> RULE_PROPERTIES = Set.of("paths", "methods", "roles");
    private static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "CONNECT");

    private final ConfigReader config;
    private final ConfigValues values;

    public SettingsLoader(ConfigReader config) {
        this.config = config;
        this.values = new ConfigValues(config);
    }

    /** Whether {@link ConfigKeys#ENABLED} leaves the filter on (the default). */
    public boolean enabled() {
        return values.bool(ConfigKeys.ENABLED, true);
    }

    /**
     * Reads and validates everything.
     *
     * @throws ConfigException naming the first property that is wrong
     */
    public FilterSettings load() {
        checkNames();
        List<String> urlPatterns = values.list(ConfigKeys.URL_PATTERNS).orElse(List.of("/*"));
        for (String pattern : urlPatterns) {
            if (!pattern.startsWith("/") && !pattern.startsWith("*.")) {
                throw new ConfigException(ConfigKeys.URL_PATTERNS, "'" + pattern + "' is not a servlet URL pattern");
            }
        }
        return new FilterSettings(urlPatterns,
                patterns(ConfigKeys.PUBLIC_PATHS, values.list(ConfigKeys.PUBLIC_PATHS).orElse(List.of())),
                rules(), config.get(ConfigKeys.REALM).orElse("gatehouse"), transport(), claims(), jose(), keys(),
                TrustedProxies.parse(values.list(ConfigKeys.TRUSTED_PROXIES).orElse(List.of())),
                new AuditConfig(values).load());
    }

    private void checkNames() {
        Set<String> ruleNames = Set.copyOf(values.list(ConfigKeys.RULES).orElse(List.of()));
        for (String name : config.names()) {
            if (!name.startsWith(ConfigKeys.PREFIX) || KNOWN.contains(name)) {
                continue;
            }
            if (name.startsWith(ConfigKeys.RULE_PREFIX)) {
                String rest = name.substring(ConfigKeys.RULE_PREFIX.length());
                int dot = rest.lastIndexOf('.');
                if (dot > 0 && ruleNames.contains(rest.substring(0, dot))
                        && RULE_PROPERTIES.contains(rest.substring(dot + 1))) {
                    continue;
                }
                throw new ConfigException(name, "does not belong to a rule listed in " + ConfigKeys.RULES
                        + " (rule properties are paths, methods, roles)");
            }
            boolean filterNamespace = name.startsWith(FILTER_NAMESPACE) || name.startsWith(ConfigKeys.AUDIT_PREFIX)
                    || name.indexOf('.', ConfigKeys.PREFIX.length()) < 0;
            if (filterNamespace) {
                throw new ConfigException(name, "is not a Gatehouse property (misspelt?)");
            }
        }
    }

    private TokenTransport transport() {
        String header = config.get(ConfigKeys.TOKEN_HEADER).orElse("Authorization");
        if (header.equalsIgnoreCase("Authorization")) {
            return TokenTransport.AUTHORIZATION_HEADER;
        }
        if (header.equalsIgnoreCase("Cookie")) {
            String cookie = config.get(ConfigKeys.TOKEN_COOKIE).orElse("Bearer");
            if (!cookie.chars().allMatch(c -> c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
                throw new ConfigException(ConfigKeys.TOKEN_COOKIE, "'" + cookie + "' is not a valid cookie name");
            }
            return new TokenTransport(cookie);
        }
        throw new ConfigException(ConfigKeys.TOKEN_HEADER, "unknown value '" + header + "'; use Authorization or Cookie");
    }

    private ClaimSettings claims() {
        Duration skew = values.seconds(ConfigKeys.CLOCK_SKEW).orElse(Duration.ofSeconds(60));
        Duration age = values.seconds(ConfigKeys.TOKEN_AGE).orElse(null);
        Duration maxLifetime = values.duration(ConfigKeys.MAX_LIFETIME).orElse(Duration.ofHours(24));
        if (maxLifetime.isZero()) {
            throw new ConfigException(ConfigKeys.MAX_LIFETIME, "must be positive");
        }
        Profile profile = config.get(ConfigKeys.PROFILE).map(Profile::of).orElse(Profile.MP_JWT);
        return new ClaimSettings(config.get(ConfigKeys.ISSUER).orElse(null),
                new LinkedHashSet<>(values.list(ConfigKeys.AUDIENCES).orElse(List.of())), skew, age, maxLifetime,
                new LinkedHashSet<>(values.list(ConfigKeys.REQUIRED_CLAIMS).orElse(List.of())), profile,
                config.get(ConfigKeys.GROUPS_PATH).orElse("groups"), values.bool(ConfigKeys.GROUPS_FROM_SCOPE, false),
                RoleMap.parse(config.get(ConfigKeys.ROLE_MAP).orElse(null)));
    }

    private JoseSettings jose() {
        Set<String> content = algorithms(ConfigKeys.CONTENT_ALGORITHM, AlgorithmPolicy.CONTENT.keySet())
                .orElse(Set.of("A256GCM"));
        return new JoseSettings(content, values.integer(ConfigKeys.MAX_TOKEN_SIZE, 16_384),
                values.integer(ConfigKeys.MAX_HEADER_SIZE, 4096), values.bool(ConfigKeys.ALLOW_COMPRESSION, false),
                values.bool(ConfigKeys.INSECURE_ACCEPT_SIGNED_ONLY, false),
                values.integer(ConfigKeys.TOKEN_CACHE_SIZE, 1000));
    }

    private KeySettings keys() {
        Optional<String> inline = config.get(ConfigKeys.VERIFY_KEY);
        Optional<String> location = config.get(ConfigKeys.VERIFY_KEY_LOCATION);
        if (inline.isPresent() && location.isPresent()) {
            throw new ConfigException(ConfigKeys.VERIFY_KEY, "set either it or " + ConfigKeys.VERIFY_KEY_LOCATION
                    + ", not both");
        }
        KeySettings.KeyReference verification = inline
                .map(v -> new KeySettings.KeyReference(ConfigKeys.VERIFY_KEY, v, true))
                .or(() -> location.map(v -> new KeySettings.KeyReference(ConfigKeys.VERIFY_KEY_LOCATION, v, false)))
                .orElseThrow(() -> new ConfigException(ConfigKeys.VERIFY_KEY_LOCATION,
                        "is required (or " + ConfigKeys.VERIFY_KEY + "): the public key that verifies token signatures"));
        KeySettings.KeyReference decryption = config.get(ConfigKeys.DECRYPT_KEY_LOCATION)
                .map(v -> new KeySettings.KeyReference(ConfigKeys.DECRYPT_KEY_LOCATION, v, false))
                .orElseThrow(() -> new ConfigException(ConfigKeys.DECRYPT_KEY_LOCATION,
                        "is required: the private key that decrypts tokens (Gatehouse accepts only encrypted tokens)"));
        return new KeySettings(decryption,
                algorithms(ConfigKeys.DECRYPT_ALGORITHM, AlgorithmPolicy.KEY_MANAGEMENT).orElse(Set.of()),
                verification,
                algorithms(ConfigKeys.VERIFY_ALGORITHM, AlgorithmPolicy.SIGNATURE).orElse(Set.of("RS256")),
                values.duration(ConfigKeys.KEYS_REFRESH_INTERVAL).orElse(Duration.ofMinutes(10)),
                values.duration(ConfigKeys.KEYS_MIN_REFRESH_INTERVAL).orElse(Duration.ofSeconds(30)),
                values.duration(ConfigKeys.KEYS_HTTP_TIMEOUT).orElse(Duration.ofSeconds(5)),
                values.bool(ConfigKeys.INSECURE_ALLOW_HTTP_KEYS, false));
    }

    private List<AccessRule> rules() {
        List<AccessRule> rules = new ArrayList<>();
        for (String name : values.list(ConfigKeys.RULES).orElse(List.of())) {
            if (!name.matches("[A-Za-z0-9_-]+")) {
                throw new ConfigException(ConfigKeys.RULES, "rule name '" + name + "' may use only letters, digits, - and _");
            }
            String prefix = ConfigKeys.RULE_PREFIX + name + ".";
            List<String> paths = values.list(prefix + "paths")
                    .orElseThrow(() -> new ConfigException(prefix + "paths", "is required for a rule listed in " + ConfigKeys.RULES));
            Set<String> methods = new LinkedHashSet<>();
            for (String method : values.list(prefix + "methods").orElse(List.of())) {
                String upper = method.toUpperCase(Locale.ROOT);
                if (!HTTP_METHODS.contains(upper)) {
                    throw new ConfigException(prefix + "methods", "unknown HTTP method '" + method + "'");
                }
                methods.add(upper);
            }
            rules.add(new AccessRule(name, patterns(prefix + "paths", paths), methods,
                    new LinkedHashSet<>(values.list(prefix + "roles").orElse(List.of()))));
        }
        return rules;
    }

    private static List<PathPattern> patterns(String property, List<String> values) {
        List<PathPattern> patterns = new ArrayList<>();
        for (String value : values) {
            try {
                patterns.add(new PathPattern(value));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(property, e.getMessage());
            }
        }
        return patterns;
    }

    private Optional<Set<String>> algorithms(String property, Set<String> allowed) {
        return values.list(property).map(named -> {
            Set<String> algs = new LinkedHashSet<>();
            for (String alg : named) {
                Optional<String> refusal = AlgorithmPolicy.refusal(alg);
                if (refusal.isPresent()) {
                    throw new ConfigException(property, alg + " is refused: " + refusal.get());
                }
                if (!allowed.contains(alg)) {
                    throw new ConfigException(property, "unknown algorithm '" + alg + "'; accepted: "
                            + allowed.stream().sorted().toList());
                }
                algs.add(alg);
            }
            return algs;
        });
    }
}

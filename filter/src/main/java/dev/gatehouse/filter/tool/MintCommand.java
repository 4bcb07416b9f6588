package dev.gatehouse.filter.tool;

import java.security.Key;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import dev.gatehouse.filter.keys.AlgorithmPolicy;
import dev.gatehouse.filter.keys.KeyParser;

/**
 * {@code mint}: a nested token (signed, then encrypted) built by {@link TokenMinter} from key files. Prints the
 * compact token and a newline and nothing else on standard output, so {@code TOKEN=$(... mint ...)} works.
 */
final class MintCommand implements CliCommand {

    /** Placeholder issuer shared with {@code keygen}'s configuration. */
    static final String DEFAULT_ISSUER = "https://issuer.example";
    /** Placeholder audience shared with {@code keygen}'s configuration. */
    static final String DEFAULT_AUDIENCE = "gatehouse-api";

    private static final Pattern SHORT_DURATION = Pattern.compile("(-?)(\\d{1,9})([smhd]?)");

    @Override
    public String name() {
        return "mint";
    }

    @Override
    public String usage() {
        return """
                mint --sign-key FILE --encrypt-key FILE --sub S [--iss I] [--aud A[,A2]] [--groups g1,g2]
                     [--ttl 300s|5m|PT5M] [--claim name=value ...] [--sig-alg RS256] [--key-alg RSA-OAEP-256]
                     [--enc A256GCM] [--signed-only]
                  Prints a token signed with the private key in --sign-key, then encrypted to the public key in
                  --encrypt-key (PEM, JWK or JWKS files; a JWK's kid goes into the token header).
                  --iss/--aud default to keygen's https://issuer.example and gatehouse-api; --ttl to 5m (negative
                  values make expired tokens). Algorithms default by key type as in keygen.
                  --claim values that are JSON numbers, booleans, arrays or objects keep that type (quote a
                  value, name='"42"', to force a string). --signed-only prints the bare JWS instead.
                """;
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("--sign-key", "--encrypt-key", "--sub", "--iss", "--aud", "--groups", "--ttl", "--claim",
                "--sig-alg", "--key-alg", "--enc");
    }

    @Override
    public Set<String> flags() {
        return Set.of("--signed-only");
    }

    @Override
    public int run(CliArgs args, Terminal terminal) throws UsageException {
        if (!args.positionals().isEmpty()) {
            throw new UsageException("unexpected argument '" + args.positionals().get(0) + "'");
        }
        TokenMinter minter = TokenMinter.forSubject(args.required("--sub"))
                .issuer(args.optional("--iss").orElse(DEFAULT_ISSUER))
                .audience(list("--aud", args.optional("--aud").orElse(DEFAULT_AUDIENCE)))
                .ttl(ttl(args.optional("--ttl").orElse("5m")));
        if (args.has("--groups")) {
            minter.groups(list("--groups", args.required("--groups")));
        }
        for (String claim : args.all("--claim")) {
            int equals = claim.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("--claim needs name=value, not '" + claim + "'");
            }
            minter.claim(claim.substring(0, equals), claimValue(claim.substring(equals + 1)));
        }
        String signFile = args.required("--sign-key");
        KeyParser.ParsedKey signing = KeyFiles.privateKey("--sign-key", signFile, "sig");
        String signature = algorithm(args.optional("--sig-alg").orElse(signing.alg()), "--sign-key", signFile,
                () -> AlgorithmDefaults.signature(signing.key()));
        checkFits("--sig-alg", signature, AlgorithmPolicy.SIGNATURE, signing.key(), Set.of(), signFile);
        minter.signWith(signing.key(), signature, signing.kid());
        if (args.flag("--signed-only")) {
            for (String option : List.of("--encrypt-key", "--key-alg", "--enc")) {
                if (args.has(option)) {
                    throw new UsageException(option + " cannot be combined with --signed-only");
                }
            }
            terminal.out().println(minter.signed());
            return GatehouseCli.OK;
        }
        String encryptFile = args.optional("--encrypt-key").orElseThrow(() -> new UsageException(
                "--encrypt-key is required (or --signed-only for a bare, unencrypted JWS)"));
        KeyParser.ParsedKey recipient = KeyFiles.publicKey("--encrypt-key", encryptFile, "enc");
        String content = args.optional("--enc").orElse(AlgorithmDefaults.CONTENT);
        if (!AlgorithmPolicy.CONTENT.containsKey(content)) {
            throw new UsageException("--enc " + content + " is not a content encryption algorithm; use one of "
                    + AlgorithmPolicy.CONTENT.keySet().stream().sorted().toList());
        }
        String keyManagement = algorithm(args.optional("--key-alg").orElse(recipient.alg()), "--encrypt-key",
                encryptFile, () -> AlgorithmDefaults.keyManagement(recipient.key()));
        checkFits("--key-alg", keyManagement, AlgorithmPolicy.KEY_MANAGEMENT, recipient.key(), Set.of(content),
                encryptFile);
        terminal.out().println(minter.encryptFor(recipient.key(), keyManagement, content, recipient.kid()).mint());
        return GatehouseCli.OK;
    }

    /**
     * A lifetime: whole seconds, minutes, hours or days ({@code 300}, {@code 300s}, {@code 5m}, {@code 2h},
     * {@code 1d}), or ISO-8601 ({@code PT5M}); a leading minus makes it negative.
     */
    static Duration ttl(String text) throws UsageException {
        Matcher m = SHORT_DURATION.matcher(text);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(2));
            Duration d = switch (m.group(3)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofSeconds(amount);
            };
            return m.group(1).isEmpty() ? d : d.negated();
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageException("--ttl '" + text + "' is not a duration; use e.g. 300s, 5m, 2h or PT5M");
        }
    }

    /** JSON numbers, booleans, arrays, objects and quoted strings as parsed; anything else as the literal string. */
    static Object claimValue(String text) {
        try {
            Map<String, Object> wrapper = JsonUtil.parseJson("{\"v\":" + text + "}");
            Object value = wrapper.get("v");
            if (wrapper.size() == 1 && value != null) {
                return value;
            }
        } catch (JoseException | RuntimeException e) {
            // not JSON: a plain string
        }
        return text;
    }

    private static String[] list(String option, String commaSeparated) throws UsageException {
        String[] items = Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toArray(String[]::new);
        if (items.length == 0) {
            throw new UsageException(option + " must name at least one value, not '" + commaSeparated + "'");
        }
        return items;
    }

    /** {@code chosen} (from the option or the JWK's alg) when set, else the default for the key. */
    private static String algorithm(String chosen, String option, String file, Supplier<String> byKeyType)
            throws UsageException {
        if (chosen != null) {
            return chosen;
        }
        try {
            return byKeyType.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + file + ": " + e.getMessage());
        }
    }

    private static void checkFits(String option, String alg, Set<String> family, Key key, Set<String> content,
            String file) throws UsageException {
        var refusal = AlgorithmPolicy.refusal(alg);
        if (refusal.isPresent()) {
            throw new UsageException(option + " " + alg + " is refused: " + refusal.get());
        }
        if (!family.contains(alg)) {
            throw new UsageException(option + " " + alg + " is not one of " + family.stream().sorted().toList());
        }
        if (AlgorithmPolicy.usableWith(key, Set.of(alg), content).isEmpty()) {
            throw new UsageException(option + " " + alg + " does not fit the " + key.getAlgorithm() + " key in " + file);
        }
    }
}

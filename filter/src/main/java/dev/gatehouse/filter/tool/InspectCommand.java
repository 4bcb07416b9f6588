package dev.gatehouse.filter.tool;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.InvalidJwtException;

import dev.gatehouse.filter.token.TokenRejectedException;
import dev.gatehouse.filter.token.TokenValidator;
import dev.gatehouse.filter.token.ValidatedToken;

/**
 * {@code inspect}: shows what a token says, decrypted but UNVERIFIED, and then, with {@code --config}, what the
 * filter configured by that file decides about it, with the reason and jose4j's details. The operator holds the
 * token, so showing claims and details here is fine; the filter itself never does.
 */
final class InspectCommand implements CliCommand {

    private static final List<String> TIME_CLAIMS = List.of("iat", "nbf", "exp", "auth_time");
    private static final int MAX_TOKEN_CHARS = 1 << 20;

    private final Clock clock;

    InspectCommand() {
        this(Clock.systemUTC());
    }

    InspectCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String usage() {
        return """
                inspect --decrypt-key FILE [--config FILE.properties] TOKEN|-
                  Decrypts TOKEN (or standard input for -) with the private key and prints the JWE header, the JWS
                  header and the claims WITHOUT verifying them. With --config, then validates the token exactly as
                  the filter configured by that file does and prints ACCEPTED or REJECTED with the reason.
                  Relative key paths in the file resolve against its folder. Exit code 1 when rejected or when the
                  token cannot be decrypted. --decrypt-key may be left out for a bare JWS.
                """;
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("--decrypt-key", "--config");
    }

    @Override
    public Set<String> flags() {
        return Set.of();
    }

    @Override
    public int run(CliArgs args, Terminal terminal) throws UsageException {
        String token = token(args, terminal);
        TokenValidator validator = null;
        if (args.has("--config")) {
            validator = PropertiesFileValidator.load("--config", args.required("--config"), System.getenv(), clock,
                    note -> terminal.err().println("note: " + note));
        }
        PrintStream out = terminal.out();
        boolean readable = show(token, args, out, terminal.err());
        if (validator == null) {
            return readable ? GatehouseCli.OK : GatehouseCli.REJECTED;
        }
        out.println();
        out.println("Validation as configured in " + args.required("--config") + ":");
        try {
            ValidatedToken accepted = validator.validate(token);
            out.println("ACCEPTED: principal=" + accepted.getName() + ", groups=" + new TreeSet<>(accepted.groups()));
            return GatehouseCli.OK;
        } catch (TokenRejectedException e) {
            out.println("REJECTED: " + e.rejection() + " — " + RejectionExplanations.explain(e.rejection()));
            details(e.getCause()).forEach(detail -> out.println("  jose4j: " + detail));
            return GatehouseCli.REJECTED;
        }
    }

    /** Prints the layers; returns whether the token could be opened at all. */
    private boolean show(String token, CliArgs args, PrintStream out, PrintStream err) throws UsageException {
        UnverifiedToken opened;
        try {
            int dots = (int) token.chars().filter(c -> c == '.').count();
            if (dots == 4) {
                opened = UnverifiedToken.decrypt(token,
                        KeyFiles.privateKeys("--decrypt-key", args.required("--decrypt-key")));
            } else if (dots == 2) {
                opened = UnverifiedToken.signed(token);
            } else {
                throw new UnverifiedToken.Unreadable("TOKEN has " + (dots + 1) + " parts; a compact JWE has 5, a JWS 3");
            }
        } catch (UnverifiedToken.Unreadable e) {
            err.println("gatehouse inspect: " + e.getMessage());
            return false;
        }
        out.println("UNVERIFIED: " + (opened.jweHeader() == null ? "decoded" : "decrypted and decoded")
                + " only; nothing below has been checked.");
        if (opened.jweHeader() == null) {
            out.println("(bare JWS: the token is signed but NOT encrypted)");
        } else {
            section(out, "JWE header", opened.jweHeader(), null);
        }
        if (opened.jwsHeader() == null && opened.jweHeader() != null) {
            out.println("(no JWS inside: the claims are encrypted but NOT signed)");
        } else {
            section(out, "JWS header (unverified)", opened.jwsHeader(), null);
        }
        section(out, "Claims (unverified)", opened.claims(), opened.rawPayload());
        times(out, opened.claims());
        return true;
    }

    private static void section(PrintStream out, String title, Map<String, Object> json, String raw) {
        out.println(title + ":");
        out.println(json != null ? PrettyJson.format(json) : raw);
    }

    private void times(PrintStream out, Map<String, Object> claims) {
        if (claims == null) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        boolean first = true;
        for (String name : TIME_CLAIMS) {
            if (claims.get(name) instanceof Number seconds) {
                if (first) {
                    out.println("Times (UTC, now " + now + "):");
                    first = false;
                }
                Instant at = Instant.ofEpochSecond(seconds.longValue());
                Duration from = Duration.between(now, at);
                String relative = from.isNegative() ? readable(from.negated()) + " ago" : "in " + readable(from);
                out.println("  " + name + " = " + at + " (" + relative + ")");
            }
        }
    }

    private static String readable(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static List<String> details(Throwable cause) {
        Set<String> details = new LinkedHashSet<>();
        if (cause instanceof InvalidJwtException invalid) {
            for (ErrorCodeValidator.Error error : invalid.getErrorDetails()) {
                details.add(error.getErrorMessage() + " (code " + error.getErrorCode() + ")");
            }
        }
        for (Throwable t = cause; t != null && details.isEmpty(); t = t.getCause()) {
            if (t.getMessage() != null) {
                details.add(t.getMessage());
            }
        }
        return new ArrayList<>(details);
    }

    private static String token(CliArgs args, Terminal terminal) throws UsageException {
        List<String> positionals = args.positionals();
        if (positionals.size() != 1) {
            throw new UsageException(positionals.isEmpty() ? "TOKEN is required (or - to read it from standard input)"
                    : "expected one TOKEN, got " + positionals.size() + " arguments");
        }
        String token = positionals.get(0);
        if (token.equals("-")) {
            try {
                byte[] bytes = terminal.in().readNBytes(MAX_TOKEN_CHARS + 1);
                if (bytes.length > MAX_TOKEN_CHARS) {
                    throw new UsageException("TOKEN on standard input is larger than " + MAX_TOKEN_CHARS + " bytes");
                }
                token = new String(bytes, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("TOKEN: cannot read standard input (" + KeyFiles.describe(e) + ")");
            }
        }
        token = token.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        if (token.isEmpty()) {
            throw new UsageException("TOKEN is empty");
        }
        return token;
    }
}

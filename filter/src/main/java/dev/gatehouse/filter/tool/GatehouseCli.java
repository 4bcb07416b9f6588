package dev.gatehouse.filter.tool;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import dev.gatehouse.filter.config.ConfigException;
import dev.gatehouse.filter.keys.KeysUnavailableException;

/**
 * The command-line tool of the {@code cli} jar: {@code keygen}, {@code mint} and {@code inspect}.
 *
 * <pre>{@code
 * java -jar gatehouse-filter-cli.jar keygen --out keys
 * TOKEN=$(java -jar gatehouse-filter-cli.jar mint --sign-key keys/sign-private.jwk \
 *         --encrypt-key keys/encrypt-public.jwk --sub alice --groups user)
 * java -jar gatehouse-filter-cli.jar inspect --decrypt-key keys/decrypt-private.jwk \
 *         --config keys/microprofile-config.properties "$TOKEN"
 * }</pre>
 *
 * Exit codes: {@link #OK}, {@link #REJECTED}, {@link #USAGE_ERROR}.
 */
public final class GatehouseCli {

    /** Done: keys written, token minted, token inspected or accepted. */
    public static final int OK = 0;
    /** {@code inspect}: the token was rejected by the configured validator, or could not be decrypted. */
    public static final int REJECTED = 1;
    /** A bad command line, an unreadable or unwritable file, an unusable configuration, or an internal error. */
    public static final int USAGE_ERROR = 2;

    private static final String PROGRAM = "gatehouse";
    private static final List<CliCommand> COMMANDS = List.of(new KeygenCommand(), new MintCommand(), new InspectCommand());

    private GatehouseCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs one command line, reading standard input from {@link System#in}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /** Runs one command line in-process and returns the exit code; never calls {@link System#exit}. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(usage());
            return USAGE_ERROR;
        }
        if (isHelp(args[0])) {
            out.print(usage());
            return OK;
        }
        CliCommand command = COMMANDS.stream().filter(c -> c.name().equals(args[0])).findFirst().orElse(null);
        if (command == null) {
            err.println(PROGRAM + ": unknown command '" + args[0] + "'; use keygen, mint or inspect (see --help)");
            return USAGE_ERROR;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.stream().takeWhile(a -> !a.equals("--")).anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
            out.print("usage: " + command.usage());
            return OK;
        }
        try {
            CliArgs parsed = CliArgs.parse(rest, command.valueOptions(), command.flags());
            return command.run(parsed, new Terminal(in, out, err));
        } catch (UsageException e) {
            err.println(PROGRAM + " " + command.name() + ": " + e.getMessage());
            err.println("Run '" + PROGRAM + " " + command.name() + " --help' for its options.");
            return USAGE_ERROR;
        } catch (ConfigException | KeysUnavailableException e) {
            err.println(PROGRAM + " " + command.name() + ": configuration problem: " + e.getMessage());
            return USAGE_ERROR;
        } catch (UncheckedIOException e) {
            err.println(PROGRAM + " " + command.name() + ": I/O error: " + KeyFiles.describe(e.getCause()));
            return USAGE_ERROR;
        } catch (RuntimeException e) {
            // A bug, not a verdict: never exit 1, which scripts read as "token rejected".
            err.println(PROGRAM + " " + command.name() + ": internal error: " + e);
            e.printStackTrace(err);
            return USAGE_ERROR;
        }
    }

    /** Usage of every command. */
    static String usage() {
        StringBuilder text = new StringBuilder("usage: java -jar gatehouse-filter-cli.jar <command> [options]\n\n");
        for (CliCommand command : COMMANDS) {
            text.append("  ").append(command.usage().replace("\n", "\n  ").stripTrailing()).append("\n\n");
        }
        text.append("Exit codes: 0 done or accepted, 1 rejected, 2 usage, I/O or configuration error.\n");
        return text.toString();
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }
}

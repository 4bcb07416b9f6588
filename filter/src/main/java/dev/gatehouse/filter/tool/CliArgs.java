package dev.gatehouse.filter.tool;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed command line: {@code --name value} or {@code --name=value} options, flags, and positional arguments
 * ({@code -} alone is positional: standard input). {@code --} ends the options. Hand-written on purpose: the filter
 * jar is bundled into WARs, so it carries no argument-parsing library.
 */
final class CliArgs {

    private final Map<String, List<String>> values;
    private final Set<String> flags;
    private final List<String> positionals;

    private CliArgs(Map<String, List<String>> values, Set<String> flags, List<String> positionals) {
        this.values = values;
        this.flags = flags;
        this.positionals = positionals;
    }

    /**
     * Parses {@code args} for a command that knows {@code valueOptions} and {@code flagOptions}.
     *
     * @throws UsageException naming an unknown option, a flag given a value, or an option without its value
     */
    static CliArgs parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions) throws UsageException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positionals = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            if (flagOptions.contains(name)) {
                if (equals > 0) {
                    throw new UsageException(name + " takes no value");
                }
                flags.add(name);
            } else if (valueOptions.contains(name)) {
                String value;
                if (equals > 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.size() && !isOption(args.get(i + 1), valueOptions, flagOptions)) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(name + " needs a value");
                }
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException(name + " is not an option of this command");
            }
        }
        return new CliArgs(values, flags, positionals);
    }

    private static boolean isOption(String arg, Set<String> valueOptions, Set<String> flagOptions) {
        int equals = arg.indexOf('=');
        String name = equals > 0 ? arg.substring(0, equals) : arg;
        return valueOptions.contains(name) || flagOptions.contains(name);
    }

    /** The value of an option given at most once. */
    Optional<String> optional(String option) throws UsageException {
        List<String> given = values.getOrDefault(option, List.of());
        if (given.size() > 1) {
            throw new UsageException(option + " is given " + given.size() + " times; give it once");
        }
        if (!given.isEmpty() && given.get(0).isBlank()) {
            throw new UsageException(option + " must not be empty");
        }
        return given.stream().findFirst();
    }

    /** The value of an option that must be given exactly once. */
    String required(String option) throws UsageException {
        return optional(option).orElseThrow(() -> new UsageException(option + " is required"));
    }

    /** Every value of a repeatable option, in command-line order. */
    List<String> all(String option) {
        return List.copyOf(values.getOrDefault(option, List.of()));
    }

    boolean has(String option) {
        return values.containsKey(option) || flags.contains(option);
    }

    boolean flag(String option) {
        return flags.contains(option);
    }

    List<String> positionals() {
        return List.copyOf(positionals);
    }
}

package dev.gatehouse.filter.tool;

import java.util.Set;

/** One subcommand of {@link GatehouseCli}. */
interface CliCommand {

    /** The word that selects the command ({@code keygen}). */
    String name();

    /** Usage text: a synopsis line, then one line per option. Ends with a newline. */
    String usage();

    /** Options that take a value ({@code --out}). */
    Set<String> valueOptions();

    /** Options without a value ({@code --force}). */
    Set<String> flags();

    /**
     * Carries the command out.
     *
     * @return the exit code: {@link GatehouseCli#OK} or {@link GatehouseCli#REJECTED}
     * @throws UsageException for a bad command line or an unreadable or unwritable file (exit code 2)
     */
    int run(CliArgs args, Terminal terminal) throws UsageException;
}

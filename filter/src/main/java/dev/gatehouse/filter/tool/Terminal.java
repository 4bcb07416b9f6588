package dev.gatehouse.filter.tool;

import java.io.InputStream;
import java.io.PrintStream;

/** The streams a command talks to: standard input (for {@code inspect -}), output (results only) and errors. */
record Terminal(InputStream in, PrintStream out, PrintStream err) {
}

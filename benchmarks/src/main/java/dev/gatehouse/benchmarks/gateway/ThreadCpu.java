package dev.gatehouse.benchmarks.gateway;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * CPU time (user and system) of every thread of this JVM, the JVM's own included (garbage collector, JIT compilers),
 * from {@code /proc/self/task}, summed by a group name: where the CPU of a request goes, kernel time for sockets and
 * wakeups included. Linux only (elsewhere empty); resolution 10 ms per thread, so it is read over blocks of seconds.
 */
final class ThreadCpu {

    /** Microseconds of user and of system time by group. */
    record Split(Map<String, Long> user, Map<String, Long> system) {

        Split minus(Split earlier) {
            return new Split(minus(user, earlier.user), minus(system, earlier.system));
        }

        void addTo(Split total) {
            user.forEach((group, micros) -> total.user.merge(group, micros, Long::sum));
            system.forEach((group, micros) -> total.system.merge(group, micros, Long::sum));
        }

        private static Map<String, Long> minus(Map<String, Long> now, Map<String, Long> before) {
            Map<String, Long> difference = new TreeMap<>();
            now.forEach((group, micros) -> difference.put(group, micros - before.getOrDefault(group, 0L)));
            return difference;
        }
    }

    /** Jiffies are 1/100 s (USER_HZ) on every Linux the JDK runs on. */
    private static final long MICROS_PER_JIFFY = 10_000;

    private ThreadCpu() {
    }

    static Split empty() {
        return new Split(new TreeMap<>(), new TreeMap<>());
    }

    /** Totals so far by {@code group} of the kernel's thread name (its first 15 characters). */
    static Split now(Function<String, String> group) {
        Map<String, Long> user = new HashMap<>();
        Map<String, Long> system = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue; // the thread ended meanwhile
                }
                // pid (comm) state ... : comm may hold spaces and parentheses, the last ')' closes it
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String[] fields = stat.substring(close + 2).split(" ");
                String name = group.apply(stat.substring(open + 1, close));
                user.merge(name, Long.parseLong(fields[11]) * MICROS_PER_JIFFY, Long::sum);
                system.merge(name, Long.parseLong(fields[12]) * MICROS_PER_JIFFY, Long::sum);
            }
        } catch (IOException | RuntimeException notLinux) {
            return empty();
        }
        return new Split(new TreeMap<>(user), new TreeMap<>(system));
    }
}

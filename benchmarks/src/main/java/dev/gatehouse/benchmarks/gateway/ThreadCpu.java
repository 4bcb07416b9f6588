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

        void addTo(Split total) {
            user.forEach((group, micros) -> total.user.merge(group, micros, Long::sum));
            system.forEach((group, micros) -> total.system.merge(group, micros, Long::sum));
        }
    }

    /** One thread's group and its totals so far (µs). */
    private record Task(String group, long user, long system) {
    }

    /** Jiffies are 1/100 s (USER_HZ) on every Linux the JDK runs on. */
    private static final long MICROS_PER_JIFFY = 10_000;

    private final Map<String, Task> tasks;

    private ThreadCpu(Map<String, Task> tasks) {
        this.tasks = tasks;
    }

    static Split empty() {
        return new Split(new TreeMap<>(), new TreeMap<>());
    }

    /** Every thread's totals so far, by thread id, grouped by {@code group} of its kernel name (15 characters). */
    static ThreadCpu now(Function<String, String> group) {
        Map<String, Task> tasks = new HashMap<>();
        try (DirectoryStream<Path> ids = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path id : ids) {
                String stat;
                try {
                    stat = Files.readString(id.resolve("stat"));
                } catch (IOException ended) {
                    continue; // the thread ended meanwhile
                }
                // pid (comm) state ... : comm may hold spaces and parentheses, the last ')' closes it
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String[] fields = stat.substring(close + 2).split(" ");
                tasks.put(id.getFileName().toString(), new Task(group.apply(stat.substring(open + 1, close)),
                        Long.parseLong(fields[11]) * MICROS_PER_JIFFY, Long.parseLong(fields[12]) * MICROS_PER_JIFFY));
            }
        } catch (IOException | RuntimeException notLinux) {
            return new ThreadCpu(Map.of());
        }
        return new ThreadCpu(tasks);
    }

    /**
     * The CPU used since {@code earlier} by the threads alive now (a thread that started since counts from zero; one
     * that ended since is lost, with what it used in between).
     */
    Split since(ThreadCpu earlier) {
        Split split = empty();
        tasks.forEach((id, task) -> {
            Task before = earlier.tasks.get(id);
            split.user().merge(task.group(), task.user() - (before == null ? 0 : before.user()), Long::sum);
            split.system().merge(task.group(), task.system() - (before == null ? 0 : before.system()), Long::sum);
        });
        return split;
    }
}

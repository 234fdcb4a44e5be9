package cinema.ugc.etl;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where a benchmark's CPU went: this JVM's threads grouped by role (name without its numbers) and the whole
 * machine's busy time from /proc/stat, so that the rest (the ClickHouse server) shows too. JFR distorts this
 * pipeline's timing noticeably; per-thread CPU counters do not.
 */
final class CpuBreakdown {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> startByThread = new HashMap<>();
    private final long machineStart = machineBusyNanos();
    private final long processStart = processCpuNanos();
    private final long gcStart = gcMillis();
    private final long jitStart = jitMillis();

    CpuBreakdown() {
        for (long id : threads.getAllThreadIds()) {
            startByThread.put(id, Math.max(0, threads.getThreadCpuTime(id)));
        }
    }

    /** Microseconds of CPU per row since construction, by thread group, with JVM total and machine total. */
    String perRow(long rows) {
        Map<String, Long> byGroup = new TreeMap<>();
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            long now = threads.getThreadCpuTime(id);
            if (info == null || now < 0) {
                continue;
            }
            byGroup.merge(group(info.getThreadName()), now - startByThread.getOrDefault(id, 0L), Long::sum);
        }
        long jvm = processCpuNanos() - processStart;
        long machine = machineBusyNanos() - machineStart;
        String groups = byGroup.entrySet().stream()
                .filter(e -> e.getValue() * 100 >= jvm) // groups under 1 % of the JVM's CPU are noise here
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / 1e3 / rows))
                .collect(Collectors.joining(", "));
        return String.format(
                Locale.ROOT,
                "CPU µs/row: machine %.2f, this JVM %.2f (%s), other processes %.2f;"
                        + " GC pauses %,d ms, JIT compiling %,d ms (neither is in the thread groups)",
                machine / 1e3 / rows,
                jvm / 1e3 / rows,
                groups,
                (machine - jvm) / 1e3 / rows,
                gcMillis() - gcStart,
                jitMillis() - jitStart);
    }

    private static String group(String threadName) {
        return threadName.replaceAll("[-_ ]?\\d+", "").replaceAll("\\s+", " ");
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(b -> Math.max(0, b.getCollectionTime()))
                .sum();
    }

    private static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** user + nice + system + irq + softirq + steal of all cores, from the first line of /proc/stat; 0 elsewhere. */
    private static long machineBusyNanos() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long ticks = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                ticks += Long.parseLong(f[i]);
            }
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}

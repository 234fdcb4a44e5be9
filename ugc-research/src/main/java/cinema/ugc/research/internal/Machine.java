package cinema.ugc.research.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a run happened on, as the report states it. */
public final class Machine {
    private Machine() {}

    public static Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpu", procLine("/proc/cpuinfo", "model name"));
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("memory", memory());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("max_heap", (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        m.put("git_commit", gitCommit());
        return m;
    }

    /** The 1-minute load average: the machine is shared, so the report shows how busy it was. */
    public static String loadAverage() {
        return String.format(
                java.util.Locale.ROOT,
                "%.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** The code measured: the commit checked out where the tool runs (plus "+changes" when the tree is dirty). */
    private static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "describe", "--always", "--dirty=+changes")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String memory() {
        String kb = procLine("/proc/meminfo", "MemTotal").replace("kB", "").trim();
        try {
            return String.format(java.util.Locale.ROOT, "%.1f GiB", Long.parseLong(kb) / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return kb;
        }
    }

    private static String procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

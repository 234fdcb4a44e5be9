package cinema.ugc.testkit;

import cinema.ugc.ops.servers.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's {@code promtool} (package {@code prometheus}) and returns what it said. */
public final class Promtool {
    private Promtool() {}

    /** What one run printed (stdout and stderr together) and its exit code. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** {@code promtool <args...>}, bounded to two minutes. */
    public static Result run(String... args) {
        Path binary = ServerProcess.requireBinary("promtool", Path.of("/usr/bin/promtool"));
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(-1, output + "\n(promtool timed out)");
            }
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

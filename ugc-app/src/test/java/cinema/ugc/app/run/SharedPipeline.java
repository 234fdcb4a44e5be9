package cinema.ugc.app.run;

import cinema.ugc.app.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One DuckDB run assembly shared by the test classes of this JVM (starting the embedded broker is the slow part on
 * a loaded 2-core box). Tests use their own users and films and wait for their own events, so they do not see each
 * other. Stopped when the test run ends (root store of the JUnit engine).
 */
final class SharedPipeline implements ExtensionContext.Store.CloseableResource {
    private final Service pipeline;
    private final Path dir;

    private SharedPipeline(Service pipeline, Path dir) {
        this.pipeline = pipeline;
        this.dir = dir;
    }

    static Service get(ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedPipeline.class, k -> start(), SharedPipeline.class)
                .pipeline;
    }

    private static SharedPipeline start() {
        try {
            Path dir = Files.createTempDirectory("ugc-run-shared-");
            return new SharedPipeline(TestPipelines.start(TestPipelines.settings(dir, Map.of())), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        pipeline.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}

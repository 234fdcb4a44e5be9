package cinema.ugc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cinema.ugc.app.Service;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document that {@code ./ugc run} serves, as client generators see it: Redocly CLI's recommended rules
 * (from npm, pinned) report no error, and — without npm — every operation has an operationId and explicit security.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPipelineExtension.class)
class OpenApiLintIT {
    /** Pinned: a new release may add rules. Runs on Node 20 (it warns that later releases need Node 22). */
    static final String REDOCLY = "@redocly/cli@2.77.0";

    private String document;

    @BeforeAll
    void fetch(Service pipeline) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pipeline.httpPort() + "/openapi.yaml"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        document = r.body();
    }

    @Test
    void everyOperationHasAnOperationIdAndExplicitSecurity() throws Exception {
        JsonNode doc = new YAMLMapper().readTree(document);
        assertTrue(doc.path("servers").isArray() && !doc.path("servers").isEmpty(), "servers");
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        doc.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    String where = op.getKey().toUpperCase() + " " + path.getKey();
                    JsonNode id = op.getValue().path("operationId");
                    if (!id.isTextual() || !ids.add(id.asText())) {
                        problems.add(where + ": no unique operationId");
                    }
                    if (!op.getValue().path("security").isArray()) {
                        problems.add(where + ": no explicit security");
                    }
                }));
        assertEquals(List.of(), problems);
        for (String path : List.of("/api/v1/events/beacon", "/sdk/ugc.js")) {
            assertTrue(doc.path("paths").has(path), path);
        }
        assertTrue(doc.path("paths")
                .path("/api/v1/events/batch")
                .path("post")
                .path("responses")
                .has("429"));
    }

    @Test
    void redoclysRecommendedRulesFindNoError(@TempDir Path dir) throws Exception {
        assumeTrue(
                run(dir, 120, "npm", "view", REDOCLY, "version").exit == 0,
                "npm or its registry is unreachable: the Redocly lint of /openapi.yaml is skipped");
        Path file = Files.writeString(dir.resolve("openapi.yaml"), document);
        Result lint = run(dir, 300, "npx", "--yes", REDOCLY, "lint", file.toString(), "--format=summary");
        assertEquals(0, lint.exit, lint.output);
        assertTrue(lint.output.contains("Your API description is valid"), lint.output);
        assertTrue(!lint.output.contains("error "), lint.output);
    }

    private record Result(int exit, String output) {}

    private static Result run(Path dir, int seconds, String... command) throws Exception {
        Path log = dir.resolve("out-" + System.nanoTime() + ".txt");
        Process p;
        try {
            p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (java.io.IOException e) {
            return new Result(-1, e.getMessage());
        }
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, String.join(" ", command) + " timed out after " + seconds + " s");
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}

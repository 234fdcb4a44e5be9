package cinema.ugc.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.config.Env;
import cinema.ugc.web.AuthenticatedUser;
import cinema.ugc.web.JwtSettings;
import cinema.ugc.web.JwtVerifier;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./ugc token}: tokens the API's own verifier accepts, one per user given, in order. */
class TokenCommandTest {
    private static final Env ENV = Env.of(Map.of("UGC_JWT_SECRET", "token-command-test-secret-0123456789-abc"));
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void everyUserGivenGetsATokenForThemOnALineOfItsOwnInTheOrderGiven() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = run(out, "--user", "alice", "--user", "bob", "--user", "carol", "--ttl", "10m");

        assertEquals(0, code);
        List<String> tokens = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, tokens.size(), "one line per user");
        JwtVerifier verifier = JwtVerifier.create(vertx, JwtSettings.from(ENV));
        List<String> subjects = new java.util.ArrayList<>();
        for (String token : tokens) {
            AuthenticatedUser user = verifier.verify(token)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            subjects.add(user.subject());
        }
        assertEquals(List.of("alice", "bob", "carol"), subjects);
    }

    @Test
    void aBlankUserAmongOthersIsRefusedWithoutPrintingAnyToken() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TokenCommand command = new TokenCommand();
        new CommandLine(command).parseArgs("--user", "alice", "--user", " ");

        assertEquals(
                2,
                command.run(
                        ENV,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--user must not be blank"));
    }

    private static int run(ByteArrayOutputStream out, String... args) {
        TokenCommand command = new TokenCommand();
        new CommandLine(command).parseArgs(args);
        return command.run(ENV, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    }
}

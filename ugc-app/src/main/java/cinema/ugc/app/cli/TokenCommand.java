package cinema.ugc.app.cli;

import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import cinema.ugc.model.config.Setting;
import cinema.ugc.web.JwtSettings;
import cinema.ugc.web.TokenIssuer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ugc token --user <id> [--user <id> ...] [--ttl 1h] [--role analyst]}: prints an HS256 token per user, one
 * per line in the order given, signed with UGC_JWT_SECRET, or with the data directory's generated secret when no JWT
 * setting is configured. Many users in one call serve load tools (one JVM start instead of one per token).
 */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a bearer token (HS256, signed with UGC_JWT_SECRET, or with the secret generated in "
                    + "<UGC_DATA_DIR>/jwt-secret when no JWT setting is configured) for local use and tests. Production "
                    + "tokens come from the Auth service."
        })
public final class TokenCommand implements Callable<Integer> {

    @Option(
            names = "--user",
            required = true,
            description = "The token's subject: the user id events are recorded "
                    + "for. Repeatable: one token per user, one per line, in the order given.")
    List<String> users;

    @Option(
            names = "--ttl",
            defaultValue = "1h",
            description = "Lifetime, e.g. 15m, 1h, 7d (default ${DEFAULT-VALUE}).")
    String ttl;

    @Option(names = "--role", description = "A role to grant (repeatable), e.g. analyst.")
    List<String> roles;

    @Override
    public Integer call() {
        return run(Env.system(), System.out, System.err);
    }

    int run(Env env, PrintStream out, PrintStream err) {
        try {
            JwtSettings jwt = JwtSettings.from(env);
            if (jwt.generatedSecret()) {
                err.println("ugc token: signed with the generated secret in " + jwt.generatedSecretFile()
                        + " (UGC_JWT_SECRET is unset); a server on the same data directory accepts it.");
            }
            Duration lifetime = Setting.parseDuration(ttl);
            if (users.stream().anyMatch(String::isBlank) || lifetime.isNegative() || lifetime.isZero()) {
                throw new ConfigException("--user must not be blank and --ttl must be positive");
            }
            TokenIssuer issuer = TokenIssuer.from(jwt);
            users.forEach(user -> out.println(issuer.issue(user, lifetime, roles == null ? List.of() : roles)));
            return 0;
        } catch (ConfigException | IllegalArgumentException | IllegalStateException e) {
            err.println("ugc token: " + e.getMessage());
            return 2;
        }
    }
}

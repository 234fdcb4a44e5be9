package cinema.ugc.app;

import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./ugc}: one subcommand per role of the pipeline. */
@Command(
        name = "ugc",
        mixinStandardHelpOptions = true,
        version = "ugc 0.1.0",
        description = "UGC service of an online cinema: ingest API, ETL, analytics, load and storage research.",
        subcommands = {
            CommandLine.HelpCommand.class,
            cinema.ugc.app.cli.SettingsCommand.class,
            cinema.ugc.app.cli.RunCommand.class,
            cinema.ugc.app.cli.BenchCommand.class,
            cinema.ugc.app.cli.LoadCommand.class,
            cinema.ugc.app.cli.ApiCommand.class,
            cinema.ugc.app.cli.EtlCommand.class,
            cinema.ugc.app.cli.TokenCommand.class,
            cinema.ugc.app.cli.EraseCommand.class,
            cinema.ugc.app.cli.ClusterCommand.class,
        })
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        try {
            // before any command class, hence any logger, is loaded: Logback reads its configuration once
            LogSettings.from(Env.system()).apply();
        } catch (ConfigException e) {
            System.err.println("ugc: " + e.getMessage());
            return 2;
        }
        return new CommandLine(new Main()).execute(args);
    }
}

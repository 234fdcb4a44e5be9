package cinema.ugc.app.cli;

import cinema.ugc.app.AllSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./ugc settings}: prints every setting with its default and meaning, from the declarations themselves. */
@Command(
        name = "settings",
        mixinStandardHelpOptions = true,
        description = "Prints every UGC_* setting with its default and meaning as a Markdown table.")
public final class SettingsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.print(AllSettings.markdownTable());
        return 0;
    }
}

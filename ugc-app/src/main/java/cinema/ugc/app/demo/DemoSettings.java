package cinema.ugc.app.demo;

import cinema.ugc.model.config.Env;
import cinema.ugc.model.config.Setting;
import java.util.List;
import java.util.OptionalInt;

/**
 * The demo player site that {@code ./ugc run} serves on a port of its own (a second web origin).
 *
 * @param port the port; empty when the demo is off, 0 for a free port
 */
public record DemoSettings(OptionalInt port) {
    public static final Setting<OptionalInt> PORT = new Setting<>(
            "UGC_DEMO_PORT",
            "Port of ./ugc run's demo player (a page on another origin sending events with the SDK; its origin is "
                    + "allowed automatically); 0 picks a free port, off turns it off.",
            "8090",
            DemoSettings::parse);

    public static final List<Setting<?>> SETTINGS = List.of(PORT);

    public static DemoSettings from(Env env) {
        return new DemoSettings(env.get(PORT));
    }

    public boolean enabled() {
        return port.isPresent();
    }

    static OptionalInt parse(String text) {
        if (text.trim().equalsIgnoreCase("off")) {
            return OptionalInt.empty();
        }
        int port = Integer.parseInt(text.trim());
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a port is 0-65535, or off");
        }
        return OptionalInt.of(port);
    }
}

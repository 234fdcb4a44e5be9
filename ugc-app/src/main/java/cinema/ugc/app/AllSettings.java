package cinema.ugc.app;

import cinema.ugc.app.demo.DemoSettings;
import cinema.ugc.etl.EtlSettings;
import cinema.ugc.ingest.IngestSettings;
import cinema.ugc.ingest.RateLimitSettings;
import cinema.ugc.kafka.KafkaSettings;
import cinema.ugc.kafka.erasure.PrivacySettings;
import cinema.ugc.model.config.Setting;
import cinema.ugc.store.StoreSettings;
import cinema.ugc.web.CorsSettings;
import cinema.ugc.web.JwtSettings;
import cinema.ugc.web.WebSettings;
import java.util.List;
import java.util.stream.Stream;

/** Every setting the application reads, in README order: the source of `./ugc settings` and of the README check. */
public final class AllSettings {
    private AllSettings() {}

    public static List<Setting<?>> all() {
        return Stream.of(
                        RunSettings.SETTINGS,
                        LogSettings.SETTINGS,
                        WebSettings.SETTINGS,
                        JwtSettings.SETTINGS,
                        IngestSettings.SETTINGS,
                        KafkaSettings.SETTINGS,
                        EtlSettings.SETTINGS,
                        StoreSettings.SETTINGS,
                        CorsSettings.SETTINGS,
                        RateLimitSettings.SETTINGS,
                        DemoSettings.SETTINGS,
                        PrivacySettings.SETTINGS)
                .flatMap(List::stream)
                .toList();
    }

    /** The settings as a Markdown table, the form the README shows. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| Setting | Default | Meaning |\n|---|---|---|\n");
        for (Setting<?> s : all()) {
            String def =
                    s.defaultValue() == null || s.defaultValue().isEmpty() ? "*(empty)*" : "`" + s.defaultValue() + "`";
            out.append("| `")
                    .append(s.key())
                    .append("` | ")
                    .append(def)
                    .append(" | ")
                    .append(s.description().replace("|", "\\|"))
                    .append(" |\n");
        }
        return out.toString();
    }
}

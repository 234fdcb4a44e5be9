package cinema.ugc.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsSettingsTest {

    private static CorsSettings of(String value) {
        return CorsSettings.from(Env.of(Map.of("UGC_CORS_ALLOWED_ORIGINS", value)));
    }

    @Test
    void emptyByDefault() {
        assertEquals(List.of(), CorsSettings.from(Env.of(Map.of())).allowedOrigins());
        assertEquals(List.of(), of(" , ").allowedOrigins());
    }

    @Test
    void originsAreWrittenAsBrowsersSendThem() {
        assertEquals(
                List.of("https://cinema.example", "http://localhost:3000"),
                of(" HTTPS://Cinema.Example , http://localhost:3000,https://cinema.example")
                        .allowedOrigins());
    }

    @Test
    void wildcardsPathsAndOtherSchemesAreRefusedNamingTheSetting() {
        for (String bad : List.of(
                "*",
                "https://*.cinema.example",
                "https://cinema.example/",
                "https://x.example/app",
                "ftp://x.example",
                "cinema.example",
                "null")) {
            ConfigException e = assertThrows(ConfigException.class, () -> of(bad), bad);
            assertTrue(e.getMessage().contains("UGC_CORS_ALLOWED_ORIGINS"), e.getMessage());
        }
    }

    @Test
    void withAddsOriginsOnce() {
        assertEquals(
                List.of("https://a.example", "http://localhost:18201"),
                of("https://a.example")
                        .with(List.of("http://localhost:18201", "https://a.example"))
                        .allowedOrigins());
    }
}

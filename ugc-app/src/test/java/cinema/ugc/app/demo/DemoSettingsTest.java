package cinema.ugc.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DemoSettingsTest {

    private static DemoSettings of(String value) {
        return DemoSettings.from(Env.of(Map.of("UGC_DEMO_PORT", value)));
    }

    @Test
    void onByDefaultOffByName() {
        assertEquals(OptionalInt.of(8090), DemoSettings.from(Env.of(Map.of())).port());
        assertEquals(OptionalInt.of(0), of("0").port());
        assertEquals(OptionalInt.empty(), of(" OFF ").port());
    }

    @Test
    void anythingElseNamesTheSetting() {
        for (String bad : List.of("-1", "65536", "no")) {
            ConfigException e = assertThrows(ConfigException.class, () -> of(bad), bad);
            assertTrue(e.getMessage().contains("UGC_DEMO_PORT"), e.getMessage());
        }
    }

    @Test
    void aLoopbackOrWildcardHostIsReachedAsLocalhostAnd127001() {
        assertEquals(List.of("http://localhost:8090", "http://127.0.0.1:8090"), DemoSite.origins("0.0.0.0", 8090));
        assertEquals(List.of("http://localhost:8090", "http://127.0.0.1:8090"), DemoSite.origins("127.0.0.1", 8090));
        assertEquals(List.of("http://10.0.0.5:8090"), DemoSite.origins("10.0.0.5", 8090));
    }
}

package cinema.ugc.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingTest {
    enum Mode {
        FAST,
        SAFE
    }

    static final Setting<Integer> PORT = Setting.integer("UGC_T_PORT", 8080, 0, 65535, "port");
    static final Setting<Duration> WAIT = Setting.duration("UGC_T_WAIT", "5s", "wait");

    @Test
    void defaultsApplyWhenUnsetOrBlank() {
        assertEquals(8080, Env.of(Map.of()).get(PORT));
        assertEquals(8080, Env.of(Map.of("UGC_T_PORT", "  ")).get(PORT));
        assertNull(Env.of(Map.of()).get(Setting.string("UGC_T_OPT", null, "optional")));
    }

    @Test
    void invalidValuesNameTheSettingAndValue() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> Env.of(Map.of("UGC_T_PORT", "http")).get(PORT));
        assertTrue(e.getMessage().contains("UGC_T_PORT") && e.getMessage().contains("http"), e.getMessage());
        ConfigException range = assertThrows(
                ConfigException.class,
                () -> Env.of(Map.of("UGC_T_PORT", "70000")).get(PORT));
        assertTrue(range.getMessage().contains("between 0 and 65535"), range.getMessage());
    }

    @Test
    void durationsInShortAndIsoForms() {
        assertEquals(Duration.ofMillis(500), Setting.parseDuration("500ms"));
        assertEquals(Duration.ofSeconds(5), Setting.parseDuration("5s"));
        assertEquals(Duration.ofMinutes(10), Setting.parseDuration("10m"));
        assertEquals(Duration.ofHours(1), Setting.parseDuration("1h"));
        assertEquals(Duration.ofDays(30), Setting.parseDuration("30d"));
        assertEquals(Duration.ofSeconds(5), Setting.parseDuration("PT5S"));
        assertEquals(Duration.ofSeconds(5), Setting.parseDuration(" 5S "));
        assertThrows(
                ConfigException.class,
                () -> Env.of(Map.of("UGC_T_WAIT", "soon")).get(WAIT));
        assertThrows(
                ConfigException.class, () -> Env.of(Map.of("UGC_T_WAIT", "-5s")).get(WAIT));
        assertThrows(
                ConfigException.class,
                () -> Env.of(Map.of("UGC_T_WAIT", "PT-5S")).get(WAIT));
    }

    @Test
    void booleansAndEnums() {
        Setting<Boolean> flag = Setting.bool("UGC_T_FLAG", false, "flag");
        assertEquals(true, Env.of(Map.of("UGC_T_FLAG", "Yes")).get(flag));
        assertThrows(
                ConfigException.class,
                () -> Env.of(Map.of("UGC_T_FLAG", "maybe")).get(flag));
        Setting<Mode> mode = Setting.oneOf("UGC_T_MODE", Mode.SAFE, Mode.class, "mode.");
        assertEquals(Mode.FAST, Env.of(Map.of("UGC_T_MODE", "fast")).get(mode));
        assertEquals("safe", mode.defaultValue());
        assertTrue(mode.description().contains("fast, safe"));
        assertThrows(
                ConfigException.class,
                () -> Env.of(Map.of("UGC_T_MODE", "turbo")).get(mode));
    }

    @Test
    void keysMustBeUgcPrefixed() {
        assertThrows(IllegalArgumentException.class, () -> Setting.string("PORT", "1", "x"));
    }

    @Test
    void overridesWinAndNullOverridesAreIgnored() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("UGC_T_PORT", "9090");
        overrides.put("UGC_T_WAIT", null);
        Env env = Env.of(Map.of("UGC_T_PORT", "1", "UGC_T_WAIT", "7s")).with(overrides);
        assertEquals(9090, env.get(PORT));
        assertEquals(Duration.ofSeconds(7), env.get(WAIT));
    }
}

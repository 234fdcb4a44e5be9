package cinema.ugc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cinema.ugc.model.EventCodec;
import cinema.ugc.store.internal.PropertiesJson;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropertiesJsonTest {
    private final EventCodec codec = new EventCodec();
    private final PropertiesJson json = new PropertiesJson();

    @Test
    void parsesBackToTheSameMapAsJacksonDoes() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("s", "quote \" backslash \\ slash / tab \t nl \n cr \r bell \u0007 unicode ✓ é");
        p.put("i", 42);
        p.put("neg", -7);
        p.put("l", 12_345_678_901L);
        p.put("d", 1.5);
        p.put("tiny", 1e-9);
        p.put("big", new BigDecimal("123.4500"));
        p.put("t", true);
        p.put("f", false);
        p.put("weird \"key\"\t", "");
        for (Map<String, Object> m : List.of(p, Map.<String, Object>of(), Map.<String, Object>of("x", "y"))) {
            assertEquals(codec.parsePropertiesJson(codec.propertiesJson(m)), codec.parsePropertiesJson(json.write(m)));
        }
        assertEquals("{}", json.write(Map.of()));
        assertEquals(p.keySet(), codec.parsePropertiesJson(json.write(p)).keySet());
    }
}

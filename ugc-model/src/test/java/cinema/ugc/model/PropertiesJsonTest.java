package cinema.ugc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    /**
     * The ETL stores the properties text it decoded from Kafka as it is, when the decoder vouches for it: that text
     * must be exactly what the writer makes of the map, so a row's bytes never depend on the path it took.
     */
    @Test
    void decodedPropertiesAreStoredAsTheWriterWouldWriteThem() {
        Map<String, Object> unicode = new LinkedHashMap<>();
        unicode.put("title", "Амели ✓");
        unicode.put("n", -12_345_678_901L);
        unicode.put("ratio", 1e-9);
        unicode.put("hd", false);
        Map<String, Object> escaped = new LinkedHashMap<>();
        escaped.put("s", "quote \" and \\ and\ttab \u0007");
        Map<String, Object> bigDecimal = new LinkedHashMap<>();
        bigDecimal.put("price", new BigDecimal("123.4500"));
        List<Map<String, Object>> variants = List.of(
                Map.of("quality", "1080p", "n", 5),
                unicode,
                escaped,
                bigDecimal,
                Map.of("emoji", "😀"),
                Map.of()); // Jackson escapes the emoji's surrogate pair
        for (Map<String, Object> props : variants) {
            Map<String, Object> decoded =
                    codec.decode(codec.encode(event(props))).properties();
            assertEquals(json.write(new LinkedHashMap<>(decoded)), json.write(decoded), props.toString());
        }
        assertTrue(
                codec.decode(codec.encode(event(unicode))).properties() instanceof JsonProperties,
                "plain properties take the fast path");
        for (String raw : List.of(
                "{ \"a\" : 1 }",
                "{\"a\":-0}",
                "{\"a\":1e3}",
                "{\"a\":null}",
                "{\"a\":{\"b\":1}}",
                "{\"a\":1,\"a\":2}",
                "{\"k\\u0041\":\"v\"}",
                "{\"a\":12345678901234567890123}")) {
            Map<String, Object> decoded = codec.decode(withRawProperties(raw)).properties();
            assertEquals(json.write(new LinkedHashMap<>(decoded)), json.write(decoded), raw);
        }
    }

    private static Event event(Map<String, Object> properties) {
        Instant t = Instant.parse("2026-11-29T10:00:00Z");
        return new Event(UUID.randomUUID(), "u1", Action.CLICK, null, null, t, null, null, properties, t);
    }

    private byte[] withRawProperties(String raw) {
        String base = new String(codec.encode(event(Map.of("x", 1))), StandardCharsets.UTF_8);
        return base.replace("\"properties\":{\"x\":1}", "\"properties\":" + raw).getBytes(StandardCharsets.UTF_8);
    }
}

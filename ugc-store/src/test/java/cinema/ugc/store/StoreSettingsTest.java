package cinema.ugc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

    @Test
    void defaultsAreEmbeddedDuckDbUnderTheDataDir() {
        StoreSettings s = StoreSettings.from(Env.of(Map.of()));
        assertEquals(StoreSettings.Kind.DUCKDB, s.kind());
        assertEquals(Path.of("data", "ugc.duckdb"), s.duckdbPath());
        assertEquals(URI.create("http://localhost:8123"), s.clickhouseUrl());
        assertEquals("default", s.clickhouseUser());
        assertEquals("", s.clickhousePassword());
        assertEquals("ugc", s.clickhouseDatabase());
        assertEquals(
                Path.of("/srv/ugc", "ugc.duckdb"),
                StoreSettings.from(Env.of(Map.of("UGC_DATA_DIR", "/srv/ugc"))).duckdbPath());
        assertEquals(
                Path.of("/x.db"),
                StoreSettings.from(Env.of(Map.of("UGC_DUCKDB_PATH", "/x.db"))).duckdbPath());
    }

    @Test
    void readsEveryKey() {
        StoreSettings s = StoreSettings.from(Env.of(Map.of(
                "UGC_STORE",
                "ClickHouse",
                "UGC_CLICKHOUSE_URL",
                "http://ch:8124",
                "UGC_CLICKHOUSE_USER",
                "etl",
                "UGC_CLICKHOUSE_PASSWORD",
                "s3cret",
                "UGC_CLICKHOUSE_DATABASE",
                "events_db",
                "UGC_POSTGRES_URL",
                "jdbc:postgresql://pg/ugc",
                "UGC_POSTGRES_USER",
                "u",
                "UGC_POSTGRES_PASSWORD",
                "p")));
        assertEquals(StoreSettings.Kind.CLICKHOUSE, s.kind());
        assertEquals("events_db", s.clickhouseDatabase());
        assertEquals("jdbc:postgresql://pg/ugc", s.postgresUrl());
        assertFalse(s.toString().contains("s3cret"), s.toString());
        assertTrue(StoreSettings.SETTINGS.stream()
                .map(x -> x.key())
                .toList()
                .containsAll(java.util.List.of(
                        "UGC_STORE",
                        "UGC_CLICKHOUSE_URL",
                        "UGC_CLICKHOUSE_USER",
                        "UGC_CLICKHOUSE_PASSWORD",
                        "UGC_CLICKHOUSE_DATABASE",
                        "UGC_DUCKDB_PATH",
                        "UGC_POSTGRES_URL",
                        "UGC_POSTGRES_USER",
                        "UGC_POSTGRES_PASSWORD")));
    }

    @Test
    void invalidValuesNameTheKey() {
        assertTrue(assertThrows(ConfigException.class, () -> StoreSettings.from(Env.of(Map.of("UGC_STORE", "mysql"))))
                .getMessage()
                .contains("UGC_STORE"));
        assertTrue(assertThrows(
                        ConfigException.class,
                        () -> StoreSettings.from(Env.of(Map.of("UGC_CLICKHOUSE_URL", "localhost:8123"))))
                .getMessage()
                .contains("UGC_CLICKHOUSE_URL"));
        assertTrue(assertThrows(
                        ConfigException.class,
                        () -> StoreSettings.from(Env.of(Map.of("UGC_CLICKHOUSE_DATABASE", "ugc; DROP"))))
                .getMessage()
                .contains("UGC_CLICKHOUSE_DATABASE"));
    }
}

package cinema.ugc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's settings table must list exactly the declared settings, with their declared defaults. */
class SettingsDocumentedTest {
    private static final Pattern ROW = Pattern.compile("^\\| `(UGC_[A-Z0-9_]+)` \\| ([^|]*) \\|", Pattern.MULTILINE);

    private static Map<String, String> readmeRows() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(readme);
        while (m.find()) {
            rows.put(m.group(1), m.group(2).trim());
        }
        return rows;
    }

    @Test
    void everyDeclaredSettingIsInTheReadmeWithItsDefault() throws IOException {
        Map<String, String> rows = readmeRows();
        List<String> problems = new java.util.ArrayList<>();
        for (Setting<?> s : AllSettings.all()) {
            String cell = rows.get(s.key());
            if (cell == null) {
                problems.add(s.key() + " is not in the README settings table");
            } else if (s.defaultValue() == null || s.defaultValue().isEmpty()) {
                if (!cell.startsWith("*(") && !cell.startsWith("`<")) {
                    problems.add(s.key() + ": README default " + cell
                            + " but none is declared (write *(empty)* or *(what applies)*)");
                }
            } else if (!cell.contains("`" + s.defaultValue() + "`")) {
                problems.add(
                        s.key() + ": README default " + cell + " differs from the declared `" + s.defaultValue() + "`");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theReadmeListsNoUndeclaredSetting() throws IOException {
        var declared = new TreeSet<String>();
        AllSettings.all().forEach(s -> declared.add(s.key()));
        var stale = new TreeSet<>(readmeRows().keySet());
        stale.removeAll(declared);
        assertEquals(new TreeSet<String>(), stale, "README rows without a declaration");
    }

    @Test
    void settingKeysAreUnique() {
        List<String> keys = AllSettings.all().stream().map(Setting::key).toList();
        assertEquals(keys.size(), new TreeSet<>(keys).size(), "a key declared twice: " + keys);
        // one key of every component's list, so a list left out of AllSettings fails here
        for (String key : List.of(
                "UGC_DATA_DIR",
                "UGC_LOG_FORMAT",
                "UGC_HTTP_PORT",
                "UGC_JWT_SECRET",
                "UGC_INGEST_DELIVERY_TIMEOUT",
                "UGC_KAFKA_BOOTSTRAP",
                "UGC_ETL_BATCH_SIZE",
                "UGC_STORE",
                "UGC_CORS_ALLOWED_ORIGINS",
                "UGC_RATE_LIMIT_EVENTS_PER_USER",
                "UGC_DEMO_PORT")) {
            assertTrue(keys.contains(key), key + " missing from " + keys);
        }
    }
}

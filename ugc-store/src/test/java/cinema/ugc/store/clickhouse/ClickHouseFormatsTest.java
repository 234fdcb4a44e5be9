package cinema.ugc.store.clickhouse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clickhouse.client.api.ServerException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ClickHouseFormatsTest {

    @Test
    void tabSeparatedUnescapesAndKeepsNulls() {
        List<String[]> rows = Tsv.parse("a\\tb\\nc\\\\d\\'\t\\N\t\n\t1\n");
        assertArrayEquals(new String[] {"a\tb\nc\\d'", null, ""}, rows.get(0));
        assertArrayEquals(new String[] {"", "1"}, rows.get(1));
        assertEquals(List.of(), Tsv.parse(""));
        assertEquals("'it\\'s a \\\\ path'", Tsv.quote("it's a \\ path"));
    }

    @Test
    void millisecondRangeKeepsIndexBounds() {
        String sql = ClickHouseQueries.range(
                Instant.parse("2024-01-01T00:00:00.250Z"), Instant.parse("2024-01-02T00:00:00Z"));
        assertTrue(sql.contains("event_time >= toDateTime(1704067200, 'UTC')"), sql);
        assertTrue(sql.contains(">= 1704067200250"), sql);
        assertTrue(sql.contains("< 1704153600000"), sql);
        assertTrue(ClickHouseQueries.range(Instant.parse("1960-01-01T00:00:00Z"), Instant.MAX)
                .contains(">= 0 "));
    }

    @Test
    void errorsAreClassifiedInOnePlace() {
        assertTrue(ClickHouseErrors.classify("x", new ExecutionException(new ConnectException("refused")))
                .retriable());
        assertTrue(ClickHouseErrors.classify("x", new RuntimeException(new SocketTimeoutException()))
                .retriable());
        assertTrue(ClickHouseErrors.classify("x", new ServerException(252, "Too many parts", 500, "q"))
                .retriable());
        assertTrue(ClickHouseErrors.classify("x", new ServerException(241, "Memory limit", 500, "q"))
                .retriable());
        assertFalse(ClickHouseErrors.classify("x", new ServerException(62, "Syntax error", 400, "q"))
                .retriable());
        assertFalse(ClickHouseErrors.classify("x", new ServerException(516, "Authentication failed", 401, "q"))
                .retriable());
        assertFalse(ClickHouseErrors.classify("x", new ServerException(60, "Table doesn't exist", 404, "q"))
                .retriable());
        assertFalse(
                ClickHouseErrors.classify("x", new IllegalStateException("bad")).retriable());
    }
}

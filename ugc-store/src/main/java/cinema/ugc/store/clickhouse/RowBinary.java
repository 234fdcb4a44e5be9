package cinema.ugc.store.clickhouse;

import cinema.ugc.model.Event;
import cinema.ugc.model.PropertiesJson;
import cinema.ugc.store.StoreException;
import cinema.ugc.store.StoredEvent;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Encodes a batch in ClickHouse's RowBinary format for {@link ClickHouseSchema#COLUMNS}: little-endian integers,
 * LEB128-prefixed strings, a 0/1 byte before Nullable values, UUID as its two 64-bit halves (high first), each
 * little-endian. The fastest format 18.16 accepts over HTTP (several times TabSeparated; see docs/benchmarks.md).
 * Not thread-safe: one instance per writing thread.
 */
final class RowBinary {
    private static final long MAX_DATETIME = 0xFFFF_FFFFL;

    private final PropertiesJson json = new PropertiesJson();
    private byte[] buf = new byte[1 << 16];
    private int len;

    /** Encodes the batch; the returned stream reads this encoder's buffer, so it is valid until the next call. */
    InputStream encode(List<StoredEvent> batch) {
        len = 0;
        for (StoredEvent se : batch) {
            row(se);
        }
        return new ByteArrayInputStream(buf, 0, len);
    }

    /** Bytes of the last encoded batch. */
    int length() {
        return len;
    }

    private void row(StoredEvent se) {
        Event e = se.event();
        uuid(e.eventId());
        string(e.userId());
        string(e.action().name());
        string(e.filmId() == null ? "" : e.filmId());
        nullableString(e.description());
        time(e.eventTime(), e);
        nullableTime(e.startTime(), e);
        nullableTime(e.endTime(), e);
        string(json.write(e.properties()));
        time(e.receivedAt(), e);
        int32(se.partition());
        int64(se.offset());
    }

    private void time(Instant t, Event e) {
        long seconds = t.getEpochSecond();
        if (seconds < 0 || seconds > MAX_DATETIME) {
            throw StoreException.fatal(
                    "event " + e.eventId() + ": " + t + " is outside ClickHouse DateTime's range " + "(1970..2106)",
                    null);
        }
        int32((int) seconds);
        int16(t.getNano() / 1_000_000);
    }

    private void nullableTime(Instant t, Event e) {
        if (t == null) {
            ensure(3);
            buf[len++] = 1; // null marker; the value itself is omitted
            int16(0);
            return;
        }
        ensure(1);
        buf[len++] = 0;
        time(t, e);
    }

    private void nullableString(String s) {
        ensure(1);
        if (s == null) {
            buf[len++] = 1;
            return;
        }
        buf[len++] = 0;
        string(s);
    }

    /**
     * The JDK's own UTF-8 encoding: for the usual all-ASCII text it is one vectorised check and copy, several times
     * faster than inspecting each char here (docs/benchmarks.md#etl).
     */
    private void string(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length + 5);
        varint(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    private void varint(int value) {
        int n = value;
        while ((n & ~0x7F) != 0) {
            buf[len++] = (byte) ((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        buf[len++] = (byte) n;
    }

    private void uuid(UUID id) {
        int64(id.getMostSignificantBits());
        int64(id.getLeastSignificantBits());
    }

    private void int16(int v) {
        ensure(2);
        buf[len++] = (byte) v;
        buf[len++] = (byte) (v >>> 8);
    }

    private void int32(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[len++] = (byte) (v >>> (8 * i));
        }
    }

    private void int64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[len++] = (byte) (v >>> (8 * i));
        }
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}

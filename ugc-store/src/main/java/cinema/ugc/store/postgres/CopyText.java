package cinema.ugc.store.postgres;

import cinema.ugc.model.Event;
import cinema.ugc.model.PropertiesJson;
import cinema.ugc.store.StoredEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Not thread-safe (one per write). Renders a batch in COPY's text format (tab-separated, {@code \N} for null, backslash escapes). */
final class CopyText {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final PropertiesJson json = new PropertiesJson();

    String render(List<StoredEvent> batch) {
        StringBuilder sb = new StringBuilder(batch.size() * 256);
        for (StoredEvent se : batch) {
            Event e = se.event();
            sb.append(e.eventId()).append('\t');
            text(sb, e.userId());
            text(sb, e.action().name());
            text(sb, e.filmId());
            text(sb, e.description());
            time(sb, e.eventTime());
            time(sb, e.startTime());
            time(sb, e.endTime());
            text(sb, json.write(e.properties()));
            time(sb, e.receivedAt());
            sb.append(se.partition()).append('\t').append(se.offset()).append('\n');
        }
        return sb.toString();
    }

    private static void time(StringBuilder sb, Instant t) {
        sb.append(t == null ? "\\N" : TIME.format(t)).append('\t');
    }

    private static void text(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("\\N\t");
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
        sb.append('\t');
    }
}

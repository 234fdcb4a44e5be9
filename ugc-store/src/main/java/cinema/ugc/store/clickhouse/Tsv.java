package cinema.ugc.store.clickhouse;

import java.util.ArrayList;
import java.util.List;

/** Parses ClickHouse's TabSeparated output: one row a line, backslash escapes, {@code \N} for NULL. */
final class Tsv {
    private Tsv() {}

    static List<String[]> parse(String body) {
        List<String[]> rows = new ArrayList<>();
        int start = 0;
        while (start < body.length()) {
            int end = body.indexOf('\n', start);
            if (end < 0) {
                end = body.length();
            }
            rows.add(fields(body.substring(start, end)));
            start = end + 1;
        }
        return rows;
    }

    private static String[] fields(String line) {
        String[] raw = line.split("\t", -1);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = "\\N".equals(raw[i]) ? null : unescape(raw[i]);
        }
        return raw;
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            sb.append(
                    switch (n) {
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        case 'r' -> '\r';
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case '0' -> '\0';
                        default -> n;
                    });
        }
        return sb.toString();
    }

    /** A ClickHouse string literal; quotes and backslashes escaped (18.16 has no query parameters). */
    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}

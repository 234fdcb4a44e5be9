package cinema.ugc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written fast paths must agree with java.time's formatters on every input, valid or not. */
class InstantsTest {
    private static final String ALPHABET = "0123456789-:T.Z+zt ";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-02-01T08:40:00Z",
                "2024-02-01T11:40:00+03:00",
                "2024-02-01T11:40:00-03:30",
                "2024-02-29T23:59:59.999999999Z",
                "1969-12-31T23:59:59.9995Z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z",
                "2024-02-01T08:40:00.1+18:00",
                "2024-02-01T08:40:00.12-18:00",
                "2024-02-01t08:40:00z",
                "2024-02-01T08:40Z",
                "2024-02-01T08:40:00+03:00:15",
                "+12024-02-01T08:40:00Z",
                "2024-02-01T08:40:00.Z",
                "2024-02-01T08:40:00+03"
            })
    void validTextsParseAsTheFormatterParsesThem(String text) {
        assertEquals(Instants.parseByFormatter(text), Instants.parse(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2023-02-29T00:00:00Z",
                "2024-13-01T00:00:00Z",
                "2024-02-01T24:00:00Z",
                "2024-02-01T08:60:00Z",
                "2024-02-01T08:40:60Z",
                "2024-02-01T08:40:00",
                "2024-02-01T08:40:00+19:00",
                "2024-02-01T08:40:00+18:01",
                "2024-02-01T08:40:00.1234567890Z",
                "2024-02-01 08:40:00Z",
                "2024-02-01T08:40:00+0300",
                "2024-02-01T08:40:00ZZ",
                "２０２４-02-01T08:40:00Z",
                "2024-02-01T08:40:00+03:0a"
            })
    void invalidTextsFailAsTheFormatterFails(String text) {
        DateTimeParseException expected =
                assertThrows(DateTimeParseException.class, () -> Instants.parseByFormatter(text));
        DateTimeParseException actual = assertThrows(DateTimeParseException.class, () -> Instants.parse(text));
        assertEquals(expected.getMessage(), actual.getMessage());
    }

    @Test
    void randomValidAndMutatedTextsAgreeWithTheFormatter() {
        Random random = new Random(7);
        for (String text : samples(random, 200_000)) {
            Object expected = outcome(() -> Instants.parseByFormatter(text));
            assertEquals(expected, outcome(() -> Instants.parse(text)), text);
        }
    }

    @Test
    void formatAgreesWithIsoInstantAcrossTheRangeAndPrecisions() {
        Random random = new Random(11);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        int[] scales = {1, 1_000, 1_000_000, 1_000_000_000};
        for (int i = 0; i < 200_000; i++) {
            long second = min + (long) (random.nextDouble() * (max - min));
            int nano = (random.nextInt(1_000_000_000) / scales[i % 4]) * scales[i % 4] % 1_000_000_000;
            Instant instant = Instant.ofEpochSecond(second, nano);
            assertEquals(Instants.formatByFormatter(instant), Instants.format(instant));
        }
        for (Instant edge : List.of(
                Instant.EPOCH,
                Instant.MIN,
                Instant.MAX,
                Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.ofEpochSecond(-1, 999_999_999))) {
            assertEquals(Instants.formatByFormatter(edge), Instants.format(edge));
        }
    }

    @Test
    void formatThenParseIsTheIdentityAtMillisecondPrecision() {
        Random random = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong() % 253_402_300_799_000L);
            assertEquals(instant, Instants.parse(Instants.format(instant)));
        }
    }

    private static List<String> samples(Random random, int count) {
        List<String> out = new ArrayList<>(count);
        String[] fractions = {"", ".5", ".12", ".123", ".1234", ".123456789", ".0000000001"};
        String[] offsets = {"Z", "+00:00", "-00:00", "+03:00", "-11:30", "+18:00", "+14:45", "z", "+3:00", ""};
        while (out.size() < count) {
            String text = String.format(
                    "%04d-%02d-%02dT%02d:%02d:%02d%s%s",
                    random.nextInt(10_000),
                    random.nextInt(14),
                    random.nextInt(33),
                    random.nextInt(26),
                    random.nextInt(62),
                    random.nextInt(62),
                    fractions[random.nextInt(fractions.length)],
                    offsets[random.nextInt(offsets.length)]);
            out.add(random.nextInt(4) == 0 ? mutate(text, random) : text);
        }
        return out;
    }

    private static String mutate(String text, Random random) {
        StringBuilder b = new StringBuilder(text);
        int position = random.nextInt(b.length());
        switch (random.nextInt(3)) {
            case 0 -> b.setCharAt(position, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            case 1 -> b.deleteCharAt(position);
            default -> b.insert(position, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    private static Object outcome(java.util.function.Supplier<Instant> parse) {
        try {
            return parse.get();
        } catch (DateTimeParseException e) {
            return "error: " + e.getMessage();
        }
    }
}

package cinema.ugc.docs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.sourceforge.plantuml.BlockUml;
import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;
import net.sourceforge.plantuml.error.PSystemError;
import net.sourceforge.plantuml.version.Version;

/**
 * Renders one PlantUML source to SVG, in-process and without Graphviz (sources use {@code !pragma layout smetana}).
 *
 * <p>Every image starts with a stamp comment holding the SHA-256 of its source and the PlantUML version. Staleness is
 * judged by that stamp, not by comparing rendered bytes: text widths come from the fonts of the machine, so two
 * machines can render the same source to slightly different coordinates (see docs/adr/0006).
 */
public final class DiagramRenderer {
    static final String STAMP_PREFIX = "<!-- ugc-docs diagram: ";
    private static final String STAMP_SUFFIX = " -->";

    /** Renders {@code source} (named {@code name} in errors and in the stamp) to a stamped SVG document. */
    public byte[] render(String name, String source) {
        SourceStringReader reader = new SourceStringReader(normalize(source));
        failOnError(name, reader.getBlocks());
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        svg.writeBytes((stampOf(name, source) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            reader.outputImage(svg, new FileFormatOption(FileFormat.SVG));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return svg.toByteArray();
    }

    /** The stamp an up-to-date image of this source carries on its first line. */
    public static String stampOf(String name, String source) {
        return STAMP_PREFIX + "source=" + name + " sha256=" + sha256(normalize(source)) + " plantuml="
                + Version.versionString() + STAMP_SUFFIX;
    }

    /** The stamp on the first line of a rendered image, if it has one. */
    public static Optional<String> stampIn(byte[] image) {
        String text = new String(image, 0, Math.min(image.length, 512), StandardCharsets.UTF_8);
        int end = text.indexOf(STAMP_SUFFIX);
        if (!text.startsWith(STAMP_PREFIX) || end < 0) {
            return Optional.empty();
        }
        return Optional.of(text.substring(0, end + STAMP_SUFFIX.length()));
    }

    private static void failOnError(String name, List<BlockUml> blocks) {
        if (blocks.size() != 1) {
            throw new DiagramException(name + ": expected exactly one @startuml…@enduml block, found " + blocks.size());
        }
        if (blocks.get(0).getDiagram() instanceof PSystemError error) {
            int line = error.getLineLocation() == null
                    ? 0
                    : error.getLineLocation().getPosition() + 1;
            String reason = error.getFirstError() == null
                    ? error.getWarningOrError()
                    : error.getFirstError().getError();
            throw new DiagramException(name + " line " + line + ": " + reason);
        }
    }

    // Line endings must not change the digest: a checkout with CRLF is the same source.
    private static String normalize(String source) {
        return source.replace("\r\n", "\n");
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

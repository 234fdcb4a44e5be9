package cinema.ugc.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Build step (exec-maven-plugin, phase process-classes): renders every {@code *.puml} of a directory to {@code *.svg}
 * in an output directory. An image whose stamp already matches its source is left alone, so re-rendering the committed
 * images on another machine does not churn them. Any source that fails to render fails the build, naming all of them.
 *
 * <p>Usage: {@code RenderDiagrams <source-dir> <output-dir>}.
 */
public final class RenderDiagrams {
    private final DiagramRenderer renderer = new DiagramRenderer();

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: RenderDiagrams <source-dir> <output-dir>");
        }
        System.setProperty("java.awt.headless", "true");
        int written = new RenderDiagrams().renderAll(Path.of(args[0]), Path.of(args[1]));
        System.out.println("ugc-docs: diagrams in " + args[1] + " up to date (" + written + " re-rendered)");
    }

    /** Renders every source whose image is missing or stale; returns how many images were written. */
    public int renderAll(Path sourceDir, Path outputDir) throws IOException {
        Files.createDirectories(outputDir);
        List<String> failures = new ArrayList<>();
        int written = 0;
        for (Path source : sources(sourceDir)) {
            try {
                written += renderIfStale(source, imageFor(outputDir, source)) ? 1 : 0;
            } catch (DiagramException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new DiagramException("diagram sources that do not render:\n  " + String.join("\n  ", failures));
        }
        return written;
    }

    /** The diagram sources of a directory, sorted by name; fails when there are none (a wrong path must not pass). */
    public static List<Path> sources(Path sourceDir) throws IOException {
        try (Stream<Path> files = Files.list(sourceDir)) {
            List<Path> sources = files.filter(p -> p.getFileName().toString().endsWith(".puml"))
                    .sorted()
                    .toList();
            if (sources.isEmpty()) {
                throw new DiagramException("no *.puml diagram sources in " + sourceDir.toAbsolutePath());
            }
            return sources;
        }
    }

    /** Where the image of a source goes: same base name, {@code .svg}. */
    public static Path imageFor(Path outputDir, Path source) {
        String name = source.getFileName().toString();
        return outputDir.resolve(name.substring(0, name.length() - ".puml".length()) + ".svg");
    }

    /** Whether the image exists and carries the stamp of the source as it is now (same text, same PlantUML). */
    public static boolean isCurrent(Path source, Path image) throws IOException {
        if (!Files.exists(image)) {
            return false;
        }
        String expected = DiagramRenderer.stampOf(source.getFileName().toString(), read(source));
        Optional<String> actual = DiagramRenderer.stampIn(Files.readAllBytes(image));
        return actual.isPresent() && actual.get().equals(expected);
    }

    private boolean renderIfStale(Path source, Path image) throws IOException {
        if (isCurrent(source, image)) {
            return false;
        }
        Files.write(image, renderer.render(source.getFileName().toString(), read(source)));
        return true;
    }

    private static String read(Path source) throws IOException {
        return Files.readString(source, StandardCharsets.UTF_8);
    }
}

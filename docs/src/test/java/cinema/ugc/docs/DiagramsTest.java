package cinema.ugc.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every diagram source renders, and every committed image is the rendering of its source. */
class DiagramsTest {
    private static final Path SOURCES = Path.of(System.getProperty("diagrams.src", "diagrams"));
    private static final String FIX = "re-render with: mvn -B -pl docs -Pupdate-diagrams process-classes";
    private static final String GOOD =
            "@startuml\n!pragma layout smetana\ncomponent A\ncomponent B\nA --> B\n@enduml\n";
    private static final String BROKEN = "@startuml\nAlice -> : \n  this is not plantuml ((\n@enduml\n";

    private final DiagramRenderer renderer = new DiagramRenderer();

    @Test
    void everyCommittedSourceRendersToStampedSvg() throws IOException {
        for (Path source : RenderDiagrams.sources(SOURCES)) {
            String name = source.getFileName().toString();
            String svg = new String(renderer.render(name, Files.readString(source)), StandardCharsets.UTF_8);
            assertTrue(svg.startsWith(DiagramRenderer.stampOf(name, Files.readString(source))), name);
            assertTrue(svg.contains("<svg"), name + " rendered no SVG");
        }
    }

    @Test
    void everyCommittedImageIsTheRenderingOfItsCurrentSource() throws IOException {
        List<String> stale = new ArrayList<>();
        for (Path source : RenderDiagrams.sources(SOURCES)) {
            if (!RenderDiagrams.isCurrent(source, RenderDiagrams.imageFor(SOURCES, source))) {
                stale.add(source.getFileName().toString());
            }
        }
        assertEquals(List.of(), stale, "committed images missing or stale; " + FIX);
    }

    @Test
    void everyCommittedImageHasASource() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            List<String> orphans = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".svg"))
                    .filter(n -> !Files.exists(SOURCES.resolve(n.replaceAll("\\.svg$", ".puml"))))
                    .toList();
            assertEquals(List.of(), orphans, "images without a source: delete them");
        }
    }

    @Test
    void aSourceThatDoesNotRenderIsReportedWithItsNameAndLine() {
        DiagramException e = assertThrows(DiagramException.class, () -> renderer.render("broken.puml", BROKEN));
        assertTrue(e.getMessage().startsWith("broken.puml line "), e.getMessage());
    }

    @Test
    void aFileWithoutADiagramIsReported() {
        DiagramException e = assertThrows(DiagramException.class, () -> renderer.render("empty.puml", "hello\n"));
        assertTrue(e.getMessage().contains("found 0"), e.getMessage());
    }

    @Test
    void renderingIsDeterministicOnOneMachine() {
        assertArrayEquals(renderer.render("a.puml", GOOD), renderer.render("a.puml", GOOD));
    }

    @Test
    void theBuildStepFailsNamingEveryBrokenSource(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("good.puml"), GOOD);
        Files.writeString(dir.resolve("bad1.puml"), BROKEN);
        Files.writeString(dir.resolve("bad2.puml"), BROKEN);
        DiagramException e =
                assertThrows(DiagramException.class, () -> new RenderDiagrams().renderAll(dir, dir.resolve("out")));
        assertTrue(
                e.getMessage().contains("bad1.puml line") && e.getMessage().contains("bad2.puml line"), e.getMessage());
    }

    @Test
    void theBuildStepRendersOnlyStaleImages(@TempDir Path dir) throws IOException {
        Path source = Files.writeString(dir.resolve("a.puml"), GOOD);
        RenderDiagrams build = new RenderDiagrams();
        assertEquals(1, build.renderAll(dir, dir));
        assertTrue(RenderDiagrams.isCurrent(source, dir.resolve("a.svg")));
        assertEquals(0, build.renderAll(dir, dir), "an image whose stamp matches is left alone");
        Files.writeString(source, GOOD.replace("A --> B", "B --> A"));
        assertFalse(RenderDiagrams.isCurrent(source, dir.resolve("a.svg")), "an edited source makes its image stale");
        assertEquals(1, build.renderAll(dir, dir));
    }

    @Test
    void aMissingSourceDirectoryIsNotASilentPass(@TempDir Path dir) {
        assertThrows(DiagramException.class, () -> RenderDiagrams.sources(dir));
    }
}

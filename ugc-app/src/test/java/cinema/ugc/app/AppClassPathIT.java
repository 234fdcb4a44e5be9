package cinema.ugc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The class path {@code ./ugc} runs the application with — {@code target/app-classpath.txt}, written at package time,
 * with the dependency tree Maven resolved it from beside it — carries no test library, and ZooKeeper only because
 * ugc-ops (the local cluster of {@code ./ugc cluster}) runs it. A failsafe test, so it reads what package wrote.
 */
class AppClassPathIT {
    private static final Path TARGET =
            Path.of(System.getProperty("basedir", ".")).resolve("target");
    /** File-name prefixes of the test libraries (JUnit and what it brings, Awaitility and Hamcrest, Selenium). */
    private static final List<String> TEST_JARS =
            List.of("junit-", "opentest4j-", "apiguardian-", "awaitility-", "hamcrest-", "selenium-");

    private static final String TESTKIT = "ugc-testkit";
    private static final String OPS = "cinema.ugc:ugc-ops:";
    private static final String ZOOKEEPER = "org.apache.zookeeper:";

    @Test
    void theRuntimeClassPathHasNoTestLibrary() throws IOException {
        List<String> offending = new ArrayList<>();
        for (String entry : classPath()) {
            String file = Path.of(entry).getFileName().toString().toLowerCase(Locale.ROOT);
            if (TEST_JARS.stream().anyMatch(file::startsWith) || entry.contains(TESTKIT)) {
                offending.add(entry);
            }
        }
        assertEquals(List.of(), offending, "test libraries on the application's class path");
    }

    @Test
    void zooKeeperIsThereOnlyThroughTheOpsModule() throws IOException {
        assertTrue(
                classPath().stream()
                        .anyMatch(e -> Path.of(e).getFileName().toString().startsWith("zookeeper-")),
                "./ugc cluster runs ZooKeeper from the application's class path");
        List<Dependency> runtime =
                dependencies().stream().filter(Dependency::onRuntimeClassPath).toList();
        List<Dependency> zooKeeper = runtime.stream()
                .filter(d -> d.coordinates().startsWith(ZOOKEEPER))
                .toList();
        assertFalse(zooKeeper.isEmpty(), "ZooKeeper in the dependency tree");
        for (Dependency d : zooKeeper) {
            assertTrue(
                    d.path().stream().anyMatch(a -> a.startsWith(OPS)),
                    d.coordinates() + " comes through " + d.path() + ", not through ugc-ops");
        }
        assertTrue(
                runtime.stream().noneMatch(d -> d.coordinates().contains(":" + TESTKIT + ":")),
                "ugc-testkit is a test-scoped dependency only");
    }

    private static List<String> classPath() throws IOException {
        String text = Files.readString(TARGET.resolve("app-classpath.txt")).trim();
        List<String> entries = Arrays.stream(text.split(java.io.File.pathSeparator))
                .filter(e -> !e.isBlank())
                .toList();
        assertFalse(entries.isEmpty(), "app-classpath.txt lists the application's jars");
        return entries;
    }

    /** One node of Maven's text dependency tree, with the coordinates of the artifacts it came through. */
    private record Dependency(String coordinates, List<String> path) {
        /** {@code group:artifact:type:version:scope}; compile and runtime reach the application's class path. */
        boolean onRuntimeClassPath() {
            return coordinates.endsWith(":compile") || coordinates.endsWith(":runtime");
        }
    }

    /** Parses {@code app-dependency-tree.txt}: three characters of indentation ({@code "|  "}, {@code "+- "}) a level. */
    private static List<Dependency> dependencies() throws IOException {
        List<String> lines = Files.readAllLines(TARGET.resolve("app-dependency-tree.txt"));
        List<String> ancestors = new ArrayList<>();
        List<Dependency> nodes = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            int start = firstCoordinate(line);
            int depth = start / 3;
            String coordinates = line.substring(start).trim().split(" ")[0];
            ancestors
                    .subList(Math.min(depth - 1, ancestors.size()), ancestors.size())
                    .clear();
            nodes.add(new Dependency(coordinates, List.copyOf(ancestors)));
            ancestors.add(coordinates);
        }
        assertTrue(nodes.size() > 1, "a dependency tree in app-dependency-tree.txt");
        return nodes;
    }

    private static int firstCoordinate(String line) {
        int i = 0;
        while (i < line.length() && "|+-\\ ".indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }
}

package cinema.ugc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the architecture docs honest: links resolve, ADRs keep their shape, named settings exist in the code. */
class DocsTest {
    private static final Path DOCS = Path.of(System.getProperty("docs.dir", "."));
    private static final Path REPO =
            Path.of(System.getProperty("repo.dir", "..")).normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern SETTING = Pattern.compile("\\bUGC_[A-Z0-9_]*[A-Z0-9]\\b");

    @Test
    void everyRelativeLinkOfTheDocsResolvesToAFileAndHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : ownDocs()) {
            broken.addAll(brokenLinks(doc, Files.readString(doc)));
        }
        broken.addAll(brokenLinks(REPO.resolve("README.md"), readmeDocsSection()));
        assertEquals(List.of(), broken);
    }

    @Test
    void theReadmeShowsTheMainDiagramOnItsFirstScreen() throws IOException {
        List<String> top = Files.readAllLines(REPO.resolve("README.md")).subList(0, 5);
        assertTrue(
                top.stream().anyMatch(l -> l.startsWith("![") && l.contains("(docs/diagrams/context.svg)")), "" + top);
        assertTrue(Files.exists(DOCS.resolve("diagrams/context.svg")));
    }

    @Test
    void everyAdrHasNygardsSectionsAndIsListedInTheIndex() throws IOException {
        String index = Files.readString(DOCS.resolve("adr/README.md"));
        for (Path adr : adrs()) {
            String text = Files.readString(adr);
            String name = adr.getFileName().toString();
            assertTrue(text.startsWith("# "), name + " starts with its title");
            assertTrue(text.contains("Status: "), name + " states its status");
            for (String section : List.of("## Context", "## Decision", "## Consequences")) {
                assertTrue(text.contains("\n" + section + "\n"), name + " lacks " + section);
            }
            assertTrue(index.contains("(" + name + ")"), name + " is not listed in adr/README.md");
        }
    }

    @Test
    void everySettingTheDocsNameIsDeclaredInTheCode() throws IOException {
        Set<String> declared = declaredSettings();
        Set<String> named = new TreeSet<>();
        for (Path doc : ownDocs()) {
            SETTING.matcher(Files.readString(doc)).results().map(r -> r.group()).forEach(named::add);
        }
        named.removeAll(declared);
        assertEquals(Set.of(), named, "settings named in docs/ but declared by no Setting in */src/main/java");
    }

    private static Set<String> declaredSettings() throws IOException {
        try (Stream<Path> files = Files.walk(REPO)) {
            return files.filter(
                            p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .flatMap(p -> Pattern.compile("\"(UGC_[A-Z0-9_]+)\"")
                            .matcher(read(p))
                            .results())
                    .map(r -> r.group(1))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String readmeDocsSection() {
        String readme = read(REPO.resolve("README.md"));
        int start = readme.indexOf("<!-- section: docs -->");
        int end = readme.indexOf("<!-- /section: docs -->");
        assertTrue(start >= 0 && end > start, "README has its docs section");
        return readme.substring(start, end);
    }

    private static List<String> brokenLinks(Path doc, String text) {
        List<String> broken = new ArrayList<>();
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            brokenLink(doc, m.group(1)).ifPresent(broken::add);
        }
        return broken;
    }

    private static Optional<String> brokenLink(Path doc, String target) {
        if (target.matches("^[a-z]+:.*")) {
            return Optional.empty(); // external: not checked offline
        }
        String[] parts = target.split("#", 2);
        Path file = parts[0].isEmpty() ? doc : doc.getParent().resolve(parts[0]).normalize();
        if (!Files.exists(file)) {
            return Optional.of(doc.getFileName() + ": missing " + target);
        }
        if (parts.length == 2
                && file.toString().endsWith(".md")
                && !anchors(file).contains(parts[1])) {
            return Optional.of(doc.getFileName() + ": no heading #" + parts[1] + " in " + parts[0]);
        }
        return Optional.empty();
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    private static Set<String> anchors(Path markdown) {
        return read(markdown)
                .lines()
                .filter(l -> l.startsWith("#"))
                .map(l -> l.replaceFirst("^#+\\s*", ""))
                .map(h -> h.toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-'))
                .collect(Collectors.toSet());
    }

    /** The documents this module owns; the README only as far as its docs section and title image. */
    private static List<Path> ownDocs() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(
                DOCS.resolve("architecture.md"),
                DOCS.resolve("adr/README.md"),
                DOCS.resolve("diagrams/README.md"),
                DOCS.resolve("operations.md"),
                DOCS.resolve("capacity.md"),
                DOCS.resolve("cluster.md"),
                DOCS.resolve("privacy.md")));
        docs.addAll(adrs());
        return docs;
    }

    private static List<Path> adrs() throws IOException {
        try (Stream<Path> files = Files.list(DOCS.resolve("adr"))) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{4}-.*\\.md"))
                    .sorted()
                    .toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

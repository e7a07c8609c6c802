package dev.gatehouse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every module has a README, and every relative link in the project's Markdown leads to a file that exists. */
class ReadmeLinksTest {
    private static final Parser MARKDOWN = Parser.builder().build();
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    @Test
    void everyModuleOfTheBuildHasAReadme() throws IOException {
        Path root = projectRoot();
        List<String> modules = modules(root);

        assertTrue(modules.contains("app") && modules.contains("verification-core"), modules::toString);
        for (String module : modules) {
            assertTrue(Files.isRegularFile(root.resolve(module).resolve("README.md")), module + " has no README.md");
        }
    }

    @Test
    void everyRelativeLinkInTheProjectsMarkdownLeadsToAnExistingFile() throws IOException {
        Path root = projectRoot();
        List<Path> documents = markdownFiles(root);
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path document : documents) {
            List<String> relative = relativeLinks(Files.readString(document, StandardCharsets.UTF_8));
            links += relative.size();
            for (String link : relative) {
                if (!resolves(document, link)) {
                    broken.add(root.relativize(document) + " -> " + link);
                }
            }
        }

        assertTrue(documents.contains(root.resolve("README.md")), "the top-level README was not found");
        assertTrue(links >= modules(root).size(), "too few links found to trust the scan: " + links);
        assertEquals(List.of(), broken);
    }

    @Test
    void aLinkToAMissingFileIsCaughtAndCodeIsNotMistakenForALink(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("HERE.md"), "here");
        Path document = folder.resolve("README.md");
        Files.writeString(document, """
                See [here](HERE.md#top), [gone](GONE.md), [site](https://example.org/x.md), [anchor](#set-up)
                and ![a picture](img/missing.png).

                ```java
                String[] args = {}; call[0](not-a-link.md);
                ```

                `[inline](code.md)`
                """);

        List<String> broken = relativeLinks(Files.readString(document)).stream().filter(link -> !resolves(document, link)).toList();

        assertEquals(List.of("GONE.md", "img/missing.png"), broken);
    }

    /** Link and image destinations that name a file of this project: no scheme, no bare {@code #anchor}. */
    static List<String> relativeLinks(String markdown) {
        List<String> destinations = new ArrayList<>();
        MARKDOWN.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                destinations.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                destinations.add(image.getDestination());
                visitChildren(image);
            }
        });
        return destinations.stream().filter(ReadmeLinksTest::isRelative).toList();
    }

    private static boolean isRelative(String destination) {
        if (destination.isEmpty() || destination.startsWith("#")) {
            return false;
        }
        try {
            return new URI(destination).getScheme() == null;
        } catch (URISyntaxException e) {
            return true;
        }
    }

    private static boolean resolves(Path document, String link) {
        String file = URLDecoder.decode(link.split("[#?]", 2)[0].replace("+", "%2B"), StandardCharsets.UTF_8);
        return Files.exists(document.getParent().resolve(file).normalize());
    }

    /** The Markdown files at the top and in the modules' own folders, not in build output or hidden folders. */
    private static List<Path> markdownFiles(Path root) throws IOException {
        List<String> modules = modules(root);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(path -> path.getFileName().toString().endsWith(".md"))
                    .filter(path -> {
                        Path relative = root.relativize(path);
                        return relative.getNameCount() == 1 || modules.contains(relative.getName(0).toString())
                                && Stream.iterate(0, i -> i < relative.getNameCount(), i -> i + 1).map(i -> relative.getName(i).toString())
                                        .noneMatch(name -> name.equals("target") || name.startsWith("."));
                    })
                    .sorted().toList();
        }
    }

    private static List<String> modules(Path root) throws IOException {
        Matcher matcher = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        List<String> modules = new ArrayList<>();
        while (matcher.find()) {
            modules.add(matcher.group(1).strip());
        }
        return modules;
    }

    /** The folder holding the Maven wrapper: the tests run from the app module, an IDE may run them from the root. */
    private static Path projectRoot() {
        Path folder = Path.of("").toAbsolutePath();
        while (folder != null && !Files.isRegularFile(folder.resolve("mvnw"))) {
            folder = folder.getParent();
        }
        if (folder == null) {
            throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
        }
        return folder;
    }
}

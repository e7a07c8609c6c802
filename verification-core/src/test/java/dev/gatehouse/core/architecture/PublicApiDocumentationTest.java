package dev.gatehouse.core.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public and protected element of the exported packages is documented: doclint's {@code missing} group, which
 * the build leaves out of javac and javadoc for one reason only. JDK 17's doclint asks a record's compact constructor
 * for a comment and an {@code @param} per component, repeating the record's own {@code @param} tags (JDK-8275784,
 * fixed in JDK 19); this test runs doclint in full and lets exactly those warnings through. It also asks every public
 * record for an {@code @param} per component, which JDK 17's doclint doesn't.
 */
class PublicApiDocumentationTest {
    static final Path SOURCES = Path.of("src/main/java");
    static final Pattern EXPORTS = Pattern.compile("^\\s*exports\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    static final Pattern COMPACT_CONSTRUCTOR = Pattern.compile("^\\s*public\\s+\\w+\\s*\\{\\s*$");

    @Test
    void exportedApiIsFullyDocumented(@TempDir Path classes) throws IOException {
        String exported = EXPORTS.matcher(Files.readString(SOURCES.resolve("module-info.java"))).results()
                .map(m -> m.group(1)).collect(Collectors.joining(","));
        assertTrue(exported.contains("dev.gatehouse.core.model"), exported);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        List<String> undocumented = new ArrayList<>();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ENGLISH, null)) {
            List<String> options = List.of("-proc:none", "-d", classes.toString(), "-Xmaxwarns", "100000",
                    "-Xdoclint:all/protected", "-Xdoclint/package:" + exported);
            JavacTask task = (JavacTask) javac.getTask(null, fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromPaths(files));
            Iterable<? extends Element> types = task.analyze();
            assertTrue(diagnostics.getDiagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR),
                    () -> describeAll(diagnostics.getDiagnostics()));
            Set<String> exportedPackages = Set.of(exported.split(","));
            for (Element element : types) {
                if (element instanceof TypeElement type
                        && exportedPackages.contains(task.getElements().getPackageOf(type).getQualifiedName().toString())) {
                    undocumentedComponents(type, task.getElements(), undocumented);
                }
            }
        }
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (!isCompactConstructor(diagnostic)) {
                undocumented.add(describe(diagnostic));
            }
        }
        assertEquals(List.of(), undocumented, "undocumented public API; see verification-core/README.md, Publishing");
    }

    /** JDK 17's doclint doesn't ask a record for its components' {@code @param} tags (later ones do); this does. */
    private static void undocumentedComponents(TypeElement type, Elements elements, List<String> undocumented) {
        Set<Modifier> modifiers = type.getModifiers();
        if (!modifiers.contains(Modifier.PUBLIC) && !modifiers.contains(Modifier.PROTECTED)) {
            return;
        }
        if (type.getKind() == ElementKind.RECORD) {
            String comment = Objects.requireNonNullElse(elements.getDocComment(type), "");
            for (RecordComponentElement component : type.getRecordComponents()) {
                if (!Pattern.compile("@param\\s+" + component.getSimpleName() + "\\s").matcher(comment).find()) {
                    undocumented.add(type.getQualifiedName() + ": no @param for record component " + component.getSimpleName());
                }
            }
        }
        for (Element member : type.getEnclosedElements()) {
            if (member instanceof TypeElement nested) {
                undocumentedComponents(nested, elements, undocumented);
            }
        }
    }

    private static boolean isCompactConstructor(Diagnostic<? extends JavaFileObject> diagnostic) {
        if (diagnostic.getKind() != Diagnostic.Kind.WARNING || diagnostic.getSource() == null) {
            return false;
        }
        String message = diagnostic.getMessage(Locale.ENGLISH);
        if (!message.equals("no comment") && !message.startsWith("no @param for ")) {
            return false;
        }
        try {
            String[] lines = diagnostic.getSource().getCharContent(true).toString().split("\n", -1);
            Matcher line = COMPACT_CONSTRUCTOR.matcher(lines[(int) diagnostic.getLineNumber() - 1]);
            return line.matches();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Diagnostic<? extends JavaFileObject> d) {
        String file = d.getSource() == null ? "" : SOURCES.toAbsolutePath().relativize(Path.of(d.getSource().toUri())).toString();
        return file + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ENGLISH);
    }

    private static String describeAll(List<Diagnostic<? extends JavaFileObject>> all) {
        return all.stream().map(PublicApiDocumentationTest::describe).collect(Collectors.joining("\n"));
    }
}

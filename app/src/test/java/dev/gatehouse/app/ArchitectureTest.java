package dev.gatehouse.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each adapter depends on the core and its own technology, never on another adapter; the core on none. */
class ArchitectureTest {
    private static final List<String> ADAPTERS = List.of(
            "dev.gatehouse.persistence..", "dev.gatehouse.web..", "dev.gatehouse.discord..", "dev.gatehouse.mail..");

    private static JavaClasses classes;

    @BeforeAll
    static void importEverything() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.gatehouse");
    }

    @Test
    void everyModuleIsOnTheClasspathSoTheRulesCanFail() {
        for (String adapter : ADAPTERS) {
            String packageName = adapter.substring(0, adapter.length() - 2);
            assertTrue(classes.stream().anyMatch(c -> c.getPackageName().startsWith(packageName)), "no classes found in " + adapter);
        }
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        for (String adapter : ADAPTERS) {
            String[] others = ADAPTERS.stream().filter(a -> !a.equals(adapter)).toArray(String[]::new);
            ArchRule rule = noClasses().that().resideInAPackage(adapter)
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .as(adapter + " depends on no other adapter");
            rule.check(classes);
        }
    }

    @Test
    void theCoreAndTheAdaptersDoNotDependOnTheApp() {
        noClasses().that().resideOutsideOfPackage("dev.gatehouse.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.gatehouse.app..")
                .check(classes);
    }

    @Test
    void theCoreDependsOnNoAdapter() {
        noClasses().that().resideInAPackage("dev.gatehouse.core..")
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS.toArray(String[]::new))
                .check(classes);
    }
}

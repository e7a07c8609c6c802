package dev.gatehouse.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.gatehouse.core.architecture.fixture.LeakyHttpClient;
import dev.gatehouse.core.architecture.fixture.LeakyRepository;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core depends on nothing but the JDK's plain packages and itself: no database, HTTP, mail, framework
 * or Discord code. Each rule is also run against deliberately bad classes to prove it can fail.
 */
class CoreArchitectureTest {
    static final String CORE = "dev.gatehouse.core..";

    static final ArchRule ONLY_JAVA_AND_CORE = classes().that().resideInAPackage(CORE)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", CORE)
            .as("core classes depend only on java.. and the core itself");

    static final ArchRule NO_TECHNOLOGY = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "java.sql..", "javax.sql..", "java.net.http..", "com.sun.net.httpserver..",
                    "jakarta..", "javax..", "io.micronaut..", "org.javacord..")
            .as("core classes use no SQL, HTTP, mail, framework or Discord API");

    static final ArchRule PORTS_ARE_INTERFACES_OR_VALUES = classes().that().resideInAPackage("dev.gatehouse.core.port..")
            .and().areTopLevelClasses()
            .should().beInterfaces().orShould().beRecords().orShould().beAssignableTo(RuntimeException.class)
            .as("ports are interfaces, with records for their data");

    static final ArchRule SERVICES_STAY_INSIDE = noClasses().that().resideOutsideOfPackages("dev.gatehouse.core", "dev.gatehouse.core.service")
            .should().dependOnClassesThat().resideInAPackage("dev.gatehouse.core.service")
            .as("only Gatehouse builds the use-case implementations; everything else sees the in-ports");

    /** The packages a consumer may use; {@code dev.gatehouse.core.service} is not among them. */
    static final Set<String> API_PACKAGES = Set.of("dev.gatehouse.core", "dev.gatehouse.core.event", "dev.gatehouse.core.memory",
            "dev.gatehouse.core.model", "dev.gatehouse.core.port.in", "dev.gatehouse.core.port.out", "dev.gatehouse.core.text");

    private static JavaClasses production;
    private static JavaClasses fixtures;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.gatehouse.core");
        fixtures = new ClassFileImporter().importClasses(LeakyRepository.class, LeakyHttpClient.class);
    }

    @Test
    void theRulesLookAtTheWholeCore() {
        assertTrue(production.size() > 80, "expected the whole core to be imported, got " + production.size() + " classes");
        assertTrue(production.contain("dev.gatehouse.core.Gatehouse"));
        assertTrue(production.contain("dev.gatehouse.core.service.VerificationService"));
        assertTrue(production.contain("dev.gatehouse.core.memory.InMemoryStores"));
    }

    @Test
    void coreDependsOnlyOnJavaAndItself() {
        ONLY_JAVA_AND_CORE.check(production);
    }

    @Test
    void coreUsesNoDatabaseHttpMailFrameworkOrDiscordApi() {
        NO_TECHNOLOGY.check(production);
    }

    @Test
    void portsAreInterfacesAndRecords() {
        PORTS_ARE_INTERFACES_OR_VALUES.check(production);
    }

    @Test
    void aCoreClassUsingJdbcOrAnHttpClientBreaksTheRules() {
        EvaluationResult technology = NO_TECHNOLOGY.evaluate(fixtures);
        assertTrue(technology.hasViolation());
        String report = technology.getFailureReport().toString();
        assertTrue(report.contains("java.sql.Connection"), report);
        assertTrue(report.contains("java.net.http.HttpClient"), report);
    }

    @Test
    void nothingButGatehouseReachesIntoTheServices() {
        SERVICES_STAY_INSIDE.check(production);
    }

    @Test
    void aClassOutsideTheCoreUsingAServiceBreaksTheRule() {
        JavaClasses withService = new ClassFileImporter().importClasses(ServiceUser.class);
        assertTrue(SERVICES_STAY_INSIDE.evaluate(withService).hasViolation());
    }

    @Test
    void theModuleExportsOnlyTheApiPackages() throws IOException {
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }
        assertEquals("dev.gatehouse.core", module.name());
        assertEquals(API_PACKAGES, module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertTrue(module.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified), "no exports to friends");
        assertEquals(Set.of("java.base"), module.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
    }

    /** Reaches into the services from outside the core. */
    static final class ServiceUser {
        Class<?> service() {
            return dev.gatehouse.core.service.MembershipService.class;
        }
    }

    @Test
    void theOnlyJavaRuleCatchesAForeignDependency() {
        JavaClasses withForeign = new ClassFileImporter().importClasses(ForeignDependent.class);
        assertTrue(ONLY_JAVA_AND_CORE.evaluate(withForeign).hasViolation());
    }

    /** Depends on a JUnit class, which is outside {@code java..} and the core. */
    static final class ForeignDependent {
        Class<?> foreign() {
            return org.junit.jupiter.api.Test.class;
        }
    }
}

package dev.gatehouse.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.out.ShardLeases;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.Tenants;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each adapter depends on the core and its own technology, never on another adapter; the core on none; one way in. */
class ArchitectureTest {
    private static final List<String> ADAPTERS = List.of(
            "dev.gatehouse.persistence..", "dev.gatehouse.web..", "dev.gatehouse.discord..", "dev.gatehouse.mail..");

    /**
     * The stores: each component type of {@link Stores}, {@code Stores} itself, {@link ShardLeases}, and the in-memory
     * implementations.
     */
    private static final DescribedPredicate<JavaClass> STORE_PORTS = DescribedPredicate.describe("store ports", type ->
            type.isEquivalentTo(Stores.class) || type.isEquivalentTo(ShardLeases.class)
                    || type.getPackageName().equals("dev.gatehouse.core.memory")
                    || Arrays.stream(Stores.class.getRecordComponents()).anyMatch(c -> type.isEquivalentTo(c.getType())));

    /** Other modules' test jars (fakes and fixtures) are on the test class path but are not the product. */
    private static final Pattern TEST_JARS = Pattern.compile(".*-tests\\.jar.*");

    private static JavaClasses classes;

    @BeforeAll
    static void importEverything() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.matches(TEST_JARS))
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

    /**
     * One way in: the bot, the pages, the CLI and the rest of the app call the core's in-ports, never its stores.
     * Only the composition root hands the stores to the core.
     */
    static final ArchRule DRIVING_ADAPTERS_USE_IN_PORTS_ONLY = noClasses()
            .that().resideInAnyPackage("dev.gatehouse.discord..", "dev.gatehouse.web..", "dev.gatehouse.app..")
            .and().haveNameNotMatching("dev\\.gatehouse\\.app\\.\\$?CoreFactory.*") // with Micronaut's generated definitions
            .should().dependOnClassesThat(STORE_PORTS)
            .as("driving adapters and the app reach state only through the core's in-ports");

    @Test
    void drivingAdaptersAndTheAppUseInPortsOnly() {
        DRIVING_ADAPTERS_USE_IN_PORTS_ONLY.check(classes);
    }

    @Test
    void theInPortRuleFailsOnADrivingAdapterThatReachesAStore() {
        JavaClasses fixture = new ClassFileImporter().importClasses(BackDoorFixture.class);
        AssertionError failure = assertThrows(AssertionError.class, () -> DRIVING_ADAPTERS_USE_IN_PORTS_ONLY.check(fixture));
        assertTrue(failure.getMessage().contains("Tenants"), failure.getMessage());
    }

    /** A command as the CLI once wrote it: saving a tenant straight into the store. */
    static final class BackDoorFixture {
        void createTenant(Tenants tenants) {
            tenants.save(TenantSettings.defaults(new TenantId("fixture"), "Fixture"));
        }
    }

    /** The adapters sit on the class path, where the core's module-info can't hide its services: this rule does. */
    @Test
    void nothingOutsideTheCoreUsesItsServices() {
        noClasses().that().resideOutsideOfPackage("dev.gatehouse.core..")
                .should().dependOnClassesThat().resideInAPackage("dev.gatehouse.core.service..")
                .as("the adapters and the app use the core's published API, not the classes behind its in-ports")
                .check(classes);
    }

    @Test
    void theCoreDependsOnNoAdapter() {
        noClasses().that().resideInAPackage("dev.gatehouse.core..")
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS.toArray(String[]::new))
                .check(classes);
    }
}

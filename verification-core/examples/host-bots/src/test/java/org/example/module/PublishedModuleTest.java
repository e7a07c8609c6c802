package org.example.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.Gatehouse;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The jar this project resolved is the module {@code dev.gatehouse.core}, exporting the API and not the services. */
class PublishedModuleTest {

    @Test
    void theCoreJarIsAModuleThatExportsOnlyItsApi() throws Exception {
        Path jar = Path.of(Gatehouse.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor module = ModuleFinder.of(jar).findAll().iterator().next().descriptor();

        assertEquals("dev.gatehouse.core", module.name());
        assertEquals(Set.of("dev.gatehouse.core", "dev.gatehouse.core.event", "dev.gatehouse.core.memory", "dev.gatehouse.core.model",
                "dev.gatehouse.core.port.in", "dev.gatehouse.core.port.out", "dev.gatehouse.core.text"),
                module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertTrue(module.packages().contains("dev.gatehouse.core.service"), "the services ship inside, unexported");
    }
}

package org.sluice.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web module's parts (api, console, unsubscribe, security), the jobs and the domain below them form no cycle. */
class WebArchitectureTest {

    private static JavaClasses webAndBelow;

    @BeforeAll
    static void importClasses() {
        webAndBelow = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.sluice");
    }

    @Test
    void featuresDependOnEachOtherWithoutCycles() {
        slices().matching("org.sluice.(*)..").should().beFreeOfCycles().check(webAndBelow);
    }

    @Test
    void entitiesDoNotDependOnControlLogic() {
        noClasses()
                .that()
                .resideInAPackage("..entity..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..control..")
                .check(webAndBelow);
    }
}

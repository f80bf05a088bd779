package org.sluice.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole application's classes (web's own, and the batch jobs and domain on its class path) form no cycle between
 * features, and no entity uses control logic. The domain's own, stricter rules are ejb's ArchitectureTest.
 */
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

package org.sluice.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The jobs' features (sending, importing, jmx, metrics, history) and the domain below them form no cycle. */
class BatchJobsArchitectureTest {

    private static JavaClasses jobsAndDomain;

    @BeforeAll
    static void importClasses() {
        jobsAndDomain = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.sluice");
    }

    @Test
    void featuresDependOnEachOtherWithoutCycles() {
        slices().matching("org.sluice.(*)..").should().beFreeOfCycles().check(jobsAndDomain);
    }

    @Test
    void entitiesDoNotDependOnControlLogic() {
        noClasses()
                .that()
                .resideInAPackage("..entity..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..control..")
                .check(jobsAndDomain);
    }
}

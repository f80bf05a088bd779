package org.sluice.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The domain's dependencies go one way: features form no cycle, entities use no control logic, and this module
 * knows nothing of the modules built on it (batch-jobs, web), whose classes are read from their sources.
 */
class ArchitectureTest {

    private static JavaClasses domain;

    @BeforeAll
    static void importDomain() {
        domain = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.sluice");
    }

    @Test
    void featuresDependOnEachOtherWithoutCycles() {
        slices().matching("org.sluice.(*)..").should().beFreeOfCycles().check(domain);
    }

    @Test
    void entitiesDoNotDependOnControlLogic() {
        noClasses()
                .that()
                .resideInAPackage("..entity..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..control..")
                .check(domain);
    }

    @Test
    void theRefusalEveryFeatureThrowsDependsOnNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("org.sluice.refusal..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("org.sluice..").and(resideOutsideOfPackage("org.sluice.refusal..")))
                .check(domain);
    }

    @Test
    void theSettingsEveryFeatureReadsDependOnNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("org.sluice.config..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("org.sluice..").and(resideOutsideOfPackage("org.sluice.config..")))
                .check(domain);
    }

    @Test
    void theDomainDoesNotDependOnTheBatchJobsOrTheWebModule() {
        Set<String> above = new HashSet<>();
        above.addAll(classNamesIn(Path.of("..", "batch-jobs", "src", "main", "java")));
        above.addAll(classNamesIn(Path.of("..", "web", "src", "main", "java")));
        assertFalse(above.isEmpty(), "the sources of batch-jobs and web were not found beside this module");
        noClasses()
                .should()
                .dependOnClassesThat(new DescribedPredicate<JavaClass>("are in batch-jobs or web") {
                    @Override
                    public boolean test(JavaClass target) {
                        String name = target.getBaseComponentType().getName();
                        int nested = name.indexOf('$');
                        return above.contains(nested < 0 ? name : name.substring(0, nested));
                    }
                })
                .check(domain);
    }

    /** The top-level classes under a module's source root, e.g. org.sluice.sending.batch.SmtpBatchWriter. */
    private static Set<String> classNamesIn(Path sourceRoot) {
        Set<String> names = new HashSet<>();
        if (!Files.isDirectory(sourceRoot)) {
            return names;
        }
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"))
                    .map(f -> sourceRoot.relativize(f).toString())
                    .map(f -> f.substring(0, f.length() - ".java".length())
                            .replace('/', '.')
                            .replace('\\', '.'))
                    .forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}

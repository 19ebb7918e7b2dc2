package dev.concord;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, in one readable place: which feature package may use which. Features
 * build on one another in one direction (a user exists before a project, a project before its
 * examples, examples before their labels, labels before agreement, review and datasets), so a
 * newcomer can read them bottom-up and a change to a later feature never ripples back.
 */
class ArchitectureTest {
    /** Each package and the packages it may use, besides itself. */
    static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();
    static {
        allow("base");
        allow("user", "base");
        allow("project", "base", "user");
        allow("example", "base", "user", "project");
        allow("guide", "base", "user", "project", "example");
        allow("labeling", "base", "user", "project", "example", "guide");
        allow("agreement", "base", "user", "project", "example", "guide", "labeling");
        allow("review", "base", "user", "project", "example", "guide", "labeling", "agreement");
        allow("dataset", "base", "user", "project", "example", "guide", "labeling", "agreement", "review");
        allow("analysis", "base", "user", "project", "example", "guide", "labeling", "agreement", "review", "dataset");
        // Deleting projects and examples reaches everything that hangs on them.
        allow("removal", "base", "user", "project", "example", "guide", "labeling", "agreement", "review", "dataset", "analysis");
        // The HTTP edge: error mapping and request guards, used by the framework, not by features.
        allow("web", "base", "user");
        // The demo seeder fills every feature through its services.
        allow("demo", "base", "user", "project", "example", "guide", "labeling", "agreement", "review", "dataset");
    }

    private static void allow(String pkg, String... uses) {
        ALLOWED.put(pkg, Set.of(uses));
    }

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.concord");

    @Test
    void noPackageCycles() {
        slices().matching("dev.concord.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void everyPackageIsListed() {
        for (var c : CLASSES) {
            String pkg = c.getPackageName();
            if (pkg.equals("dev.concord")) continue;
            String feature = pkg.substring("dev.concord.".length()).split("\\.")[0];
            if (!ALLOWED.containsKey(feature)) {
                throw new AssertionError("Package dev.concord." + feature + " is new: say in ArchitectureTest.ALLOWED which packages it may use");
            }
        }
    }

    @Test
    void featuresUseOnlyWhatTheyAreAllowed() {
        for (var entry : ALLOWED.entrySet()) {
            String pkg = entry.getKey();
            String[] forbidden = ALLOWED.keySet().stream()
                    .filter(other -> !other.equals(pkg) && !entry.getValue().contains(other))
                    .map(other -> "dev.concord." + other + "..")
                    .toArray(String[]::new);
            if (forbidden.length == 0) continue;
            noClasses().that().resideInAPackage("dev.concord." + pkg + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .because(pkg + " may use only " + entry.getValue())
                    .check(CLASSES);
        }
    }

    /** The agreement measures are plain math on tables of counts: no framework, database or HTTP types. */
    @Test
    void agreementMathIsPlainJava() {
        noClasses().that().resideInAPackage("dev.concord.agreement")
                .should().dependOnClassesThat().resideInAnyPackage(Stream.concat(
                        Stream.of("io.quarkus..", "jakarta..", "javax..", "org.hibernate..", "io.vertx..", "org.jboss..",
                                "com.fasterxml..", "dev.concord.agreement.web.."),
                        ALLOWED.keySet().stream().filter(pkg -> !pkg.equals("agreement")).map(pkg -> "dev.concord." + pkg + ".."))
                        .toArray(String[]::new))
                .check(CLASSES);
    }
}

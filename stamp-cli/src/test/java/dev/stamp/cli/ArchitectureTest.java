package dev.stamp.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The dependency direction of docs/architecture.md: the core knows nothing of storage, the CLI, SQL or HTTP. */
class ArchitectureTest {
    static final JavaClasses STAMP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.stamp");

    @Test
    void coreDependsOnNoAdapter() {
        noClasses().that().resideInAPackage("dev.stamp.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stamp.store..", "dev.stamp.cli..", "dev.stamp.server..",
                        "java.sql..", "javax.sql..", "picocli..", "io.javalin..", "com.fasterxml.jackson..", "org.flywaydb..", "com.zaxxer..")
                .check(STAMP);
    }

    @Test
    void storeDependsOnNeitherCliNorServer() {
        noClasses().that().resideInAPackage("dev.stamp.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stamp.cli..", "dev.stamp.server..", "picocli..")
                .check(STAMP);
    }

    @Test
    void serverDependsOnNeitherStoreNorCli() {
        noClasses().that().resideInAPackage("dev.stamp.server..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stamp.store..", "dev.stamp.cli..", "picocli..", "java.sql..")
                .check(STAMP);
    }

    /** The certificate manager talks to Stamp servers over HTTP like any client: it never reaches into them. */
    @Test
    void managerDependsOnlyOnTheCore() {
        noClasses().that().resideInAPackage("dev.stamp.manager..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stamp.store..", "dev.stamp.cli..", "dev.stamp.server..",
                        "picocli..", "io.javalin..", "java.sql..")
                .check(STAMP);
    }

    /** Each protocol (native REST now; AWS, ACME, EST, CRL/OCSP later) maps to the core on its own. */
    @Test
    void serverProtocolPackagesDoNotDependOnEachOther() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching("dev.stamp.server.(rest|aws|acme|est|scep|crl|ocsp)..").should().notDependOnEachOther()
                .check(STAMP);
    }
}

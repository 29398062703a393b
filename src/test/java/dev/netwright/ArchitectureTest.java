package dev.netwright;

import static com.tngtech.archunit.base.DescribedPredicate.and;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Package dependency rules (docs: style.md 5.2). Rules allow an empty package, so they hold while the tree grows.
 */
@AnalyzeClasses(packages = "dev.netwright", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** engine is a plain Java library: nothing else of ours, no framework. */
    @ArchTest
    static final ArchRule engineIsPlainJava = noClasses()
            .that().resideInAPackage("dev.netwright.engine..")
            .should().dependOnClassesThat(
                    and(resideInAPackage("dev.netwright.."), resideOutsideOfPackages("dev.netwright.engine..")))
            .orShould().dependOnClassesThat()
            .resideInAnyPackage("jakarta..", "io.quarkus..", "com.vaadin..", "org.hibernate..")
            .allowEmptyShould(true);

    /** graph (the canvas design) builds on engine and nothing else of ours, and on no framework. */
    @ArchTest
    static final ArchRule graphUsesOnlyEngine = noClasses()
            .that().resideInAPackage("dev.netwright.graph..")
            .should().dependOnClassesThat(and(resideInAPackage("dev.netwright.."),
                    resideOutsideOfPackages("dev.netwright.graph..", "dev.netwright.engine..")))
            .orShould().dependOnClassesThat()
            .resideInAnyPackage("jakarta..", "io.quarkus..", "com.vaadin..", "org.hibernate..")
            .allowEmptyShould(true);

    /** data (generators, importers, splits, loader) builds on engine only, on no framework and no JSON library. */
    @ArchTest
    static final ArchRule dataUsesOnlyEngine = noClasses()
            .that().resideInAPackage("dev.netwright.data..")
            .should().dependOnClassesThat(and(resideInAPackage("dev.netwright.."),
                    resideOutsideOfPackages("dev.netwright.data..", "dev.netwright.engine..")))
            .orShould().dependOnClassesThat()
            .resideInAnyPackage("jakarta..", "io.quarkus..", "com.vaadin..", "org.hibernate..", "com.fasterxml..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule noCyclesBetweenTopLevelPackages = slices()
            .matching("dev.netwright.(*)..")
            .should().beFreeOfCycles()
            .allowEmptyShould(true);

    /** api and ui are entry points: nothing depends on them. */
    @ArchTest
    static final ArchRule nothingDependsOnApi = noClasses()
            .that().resideOutsideOfPackage("dev.netwright.api..")
            .should().dependOnClassesThat().resideInAPackage("dev.netwright.api..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule nothingDependsOnUi = noClasses()
            .that().resideOutsideOfPackage("dev.netwright.ui..")
            .should().dependOnClassesThat().resideInAPackage("dev.netwright.ui..")
            .allowEmptyShould(true);

    /** api and ui go through services; repositories stay behind them. */
    @ArchTest
    static final ArchRule repositoriesOnlyBehindServices = noClasses()
            .that().resideInAnyPackage("dev.netwright.api..", "dev.netwright.ui..")
            .should().dependOnClassesThat(and(resideInAnyPackage("dev.netwright.persistence.."),
                    simpleNameEndingWith("Repository")))
            .allowEmptyShould(true);
}

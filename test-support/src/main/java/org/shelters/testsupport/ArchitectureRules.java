package org.shelters.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The boundaries every service relies on, as ArchUnit rules that fail the build when broken.
 * Each service's {@code ArchitectureTest} imports its own production classes and checks them.
 */
public final class ArchitectureRules {

    /** The root package of every service; each owns one sub-package. */
    public static final List<String> SERVICE_PACKAGES = List.of(
            "org.shelters.agreements", "org.shelters.logistics", "org.shelters.reporting");

    private static final String[] STORAGE_AND_MESSAGING = {
            "com.mongodb..", "org.bson..", "org.springframework.data.mongodb..",
            "org.apache.kafka..", "org.springframework.kafka..", "org.shelters.platform.outbox..",
            "org.shelters.platform.consumer.."};

    private static final String[] WEB = {
            "org.shelters.platform.web..", "org.springframework.web..", "org.springframework.http..",
            "jakarta.servlet.."};

    private ArchitectureRules() {
    }

    /** The production classes of a package tree (no tests, no jars). */
    public static JavaClasses production(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
    }

    /** A service never imports another service: they talk only through events. */
    public static ArchRule servicesDoNotImportEachOther(String ownPackage) {
        String[] others = SERVICE_PACKAGES.stream().filter(p -> !p.equals(ownPackage)).map(p -> p + "..")
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(ownPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services talk only through events, never through each other's code");
    }

    /** Aggregates and other domain types know nothing of storage, messaging or the web. */
    public static ArchRule domainIsPure(Class<?>... domainTypes) {
        String[] names = Arrays.stream(domainTypes).map(Class::getName).toArray(String[]::new);
        List<String> domain = Arrays.asList(names);
        return noClasses().that(DescribedPredicate.describe("are the domain types " + domain, javaClass ->
                        domain.contains(javaClass.getName())
                                || domain.stream().anyMatch(name -> javaClass.getName().startsWith(name + "$"))))
                .should().dependOnClassesThat().resideInAnyPackage(Stream.concat(Arrays.stream(STORAGE_AND_MESSAGING),
                        Arrays.stream(WEB)).toArray(String[]::new))
                .because("aggregates return their decisions; storage, messaging and HTTP are the callers' business");
    }

    /** Controllers go through services or typed repositories, never the store itself. */
    public static ArchRule controllersDoNotTouchTheStore(String ownPackage) {
        return noClasses().that().resideInAPackage(ownPackage + "..")
                .and().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..",
                        "org.springframework.data.mongodb..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.shelters.platform.outbox.AggregateStore")
                .because("query strings and documents belong to the typed repositories");
    }

    /** Refusals are the platform's {@code Refusal}; only the web layer knows HTTP statuses. */
    public static ArchRule onlyTheWebLayerSpeaksHttp(String ownPackage) {
        return noClasses().that().resideInAPackage(ownPackage + "..")
                .and().areNotAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .and().areNotAnnotatedWith("org.springframework.web.bind.annotation.RestControllerAdvice")
                .and().areNotAnnotatedWith("org.springframework.stereotype.Controller")
                .and().resideOutsideOfPackage(ownPackage + ".web..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.http.HttpStatus")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.web.ErrorResponseException")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.web.server.ResponseStatusException")
                .because("services and aggregates refuse with org.shelters.platform.domain.Refusal");
    }

    public static ArchRule noFieldInjection() {
        return GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
    }

    /** Every rule above for one service. */
    public static List<ArchRule> forService(String ownPackage, Class<?>... domainTypes) {
        return List.of(servicesDoNotImportEachOther(ownPackage), domainIsPure(domainTypes),
                controllersDoNotTouchTheStore(ownPackage), onlyTheWebLayerSpeaksHttp(ownPackage), noFieldInjection());
    }
}

package org.shelters.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;
import org.shelters.testsupport.ArchitectureRules;

/** The platform's own boundaries: messaging and storage plumbing never reach into the web layer. */
class PlatformArchitectureTest {

    private static final JavaClasses PLATFORM = ArchitectureRules.production("org.shelters.platform");

    @Test
    void theOutboxAndTheConsumerDoNotDependOnTheWebLayer() {
        noClasses().that().resideInAnyPackage("org.shelters.platform.outbox..", "org.shelters.platform.consumer..",
                        "org.shelters.platform.context..", "org.shelters.platform.domain..",
                        "org.shelters.platform.claim..", "org.shelters.platform.query..")
                .should().dependOnClassesThat().resideInAnyPackage("org.shelters.platform.web..",
                        "org.springframework.web..", "jakarta.servlet..")
                .check(PLATFORM);
    }

    @Test
    void theDomainVocabularyKnowsNoStorageMessagingOrWeb() {
        noClasses().that().resideInAPackage("org.shelters.platform.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..",
                        "org.springframework..", "org.apache.kafka..", "jakarta..")
                .check(PLATFORM);
    }

    @Test
    void platformPackagesHaveNoCycles() {
        SlicesRuleDefinition.slices().matching("org.shelters.platform.(*)..").should().beFreeOfCycles().check(PLATFORM);
    }

    @Test
    void noFieldInjection() {
        ArchitectureRules.noFieldInjection().check(PLATFORM);
    }
}

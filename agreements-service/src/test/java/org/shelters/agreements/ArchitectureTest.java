package org.shelters.agreements;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.shelters.agreements.agreement.Agreement;
import org.shelters.agreements.agreement.AgreementStatus;
import org.shelters.agreements.agreement.Amendment;
import org.shelters.agreements.agreement.BudgetRevision;
import org.shelters.agreements.agreement.Commands;
import org.shelters.agreements.agreement.CommitmentLineRules;
import org.shelters.agreements.agreement.Numbered;
import org.shelters.agreements.agreement.TrainingSession;
import org.shelters.agreements.movement.MovedQuantities;
import org.shelters.agreements.movement.ShipmentMovement;
import org.shelters.agreements.shelter.ArrivalsRecorded;
import org.shelters.agreements.shelter.ArrivalsReport;
import org.shelters.agreements.shelter.RetireShelter;
import org.shelters.agreements.shelter.Retirement;
import org.shelters.agreements.shelter.Shelter;
import org.shelters.agreements.shelter.ShelterAgreements;
import org.shelters.agreements.shelter.ShelterKey;
import org.shelters.agreements.shelter.ShelterProfile;
import org.shelters.testsupport.ArchitectureRules;

/**
 * The platform's boundaries, checked on this service's production classes: no other service's
 * code, a pure domain, controllers away from the store, HTTP only in the web layer, constructor
 * injection. One test per rule, so a failure names the rule broken.
 */
class ArchitectureTest {

    private static final String OWN_PACKAGE = "org.shelters.agreements";

    /**
     * The aggregates, their values, the commands they decide on and the rules and figures they are
     * given (the shipment fold behind the moved quantities): nothing of storage, messaging or HTTP.
     */
    private static final Class<?>[] DOMAIN = {
            Agreement.class, AgreementStatus.class, Amendment.class, BudgetRevision.class, TrainingSession.class,
            Commands.class, Numbered.class, CommitmentLineRules.class, MovedQuantities.class, ShipmentMovement.class,
            Shelter.class, ShelterProfile.class, ArrivalsReport.class, ArrivalsRecorded.class, InputChecks.class,
            ShelterKey.class, Retirement.class, RetireShelter.class, ShelterAgreements.class};

    @TestFactory
    Stream<DynamicTest> productionCodeKeepsThePlatformBoundaries() {
        JavaClasses production = ArchitectureRules.production(OWN_PACKAGE);
        return ArchitectureRules.forService(OWN_PACKAGE, DOMAIN).stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(production)));
    }
}

package org.shelters.logistics;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.shelters.logistics.agreement.AgreementReplica;
import org.shelters.logistics.agreement.AgreementStatus;
import org.shelters.logistics.agreement.MissingSequences;
import org.shelters.logistics.shipment.LineBalance;
import org.shelters.logistics.shipment.OutstandingQuantities;
import org.shelters.logistics.shipment.Shipment;
import org.shelters.logistics.shipment.ShipmentFilter;
import org.shelters.logistics.shipment.ShipmentItem;
import org.shelters.logistics.shipment.ShipmentStatus;
import org.shelters.testsupport.ArchitectureRules;

/** The programme's boundaries (see {@link ArchitectureRules}), checked on logistics' production classes. */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = ArchitectureRules.production("org.shelters.logistics");

    /** What decides and computes, knowing nothing of Mongo, Kafka or HTTP. */
    private static final Class<?>[] DOMAIN = {
            Shipment.class, ShipmentItem.class, ShipmentStatus.class, ShipmentFilter.class,
            OutstandingQuantities.class, LineBalance.class,
            AgreementReplica.class, AgreementStatus.class, MissingSequences.class};

    /** One test per rule, so a report names every boundary broken, not only the first. */
    @TestFactory
    Stream<DynamicTest> logisticsKeepsTheProgrammesBoundaries() {
        return ArchitectureRules.forService("org.shelters.logistics", DOMAIN).stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(PRODUCTION)));
    }
}

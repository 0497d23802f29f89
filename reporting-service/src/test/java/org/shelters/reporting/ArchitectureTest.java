package org.shelters.reporting;

import static org.junit.jupiter.api.Assertions.assertAll;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.shelters.reporting.access.Disclosure;
import org.shelters.reporting.access.DonorDisclosure;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.agreements.AgreementFold;
import org.shelters.reporting.agreements.AgreementFulfilment;
import org.shelters.reporting.alerts.Alerts;
import org.shelters.reporting.programme.ProgrammeSummary;
import org.shelters.reporting.projection.Applying;
import org.shelters.reporting.projection.Changes;
import org.shelters.reporting.projection.Projection;
import org.shelters.reporting.projection.ProjectionDoc;
import org.shelters.reporting.projection.TopicProjection;
import org.shelters.reporting.read.Quantities;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.read.ReportingPeriod;
import org.shelters.reporting.read.Scope;
import org.shelters.reporting.audit.AuditEntry;
import org.shelters.reporting.shelters.ArrivalsDoc;
import org.shelters.reporting.shelters.ArrivalsTrend;
import org.shelters.reporting.shelters.DailyArrivals;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shelters.ShelterFold;
import org.shelters.reporting.shelters.ShelterOverview;
import org.shelters.reporting.shipments.DeliveryPerformance;
import org.shelters.reporting.shipments.ShipmentDoc;
import org.shelters.reporting.shipments.ShipmentFold;
import org.shelters.testsupport.ArchitectureRules;

class ArchitectureTest {

    /**
     * Pure: the documents, the folds that write them (event to document) and the views that read
     * them (documents to answer), with the contract the folds write against; the scope, period and
     * donor disclosure rules and the audit entry. Mongo, Kafka and HTTP stay in the store, the
     * handlers and the controllers.
     */
    static final Class<?>[] PURE = {
            ProjectionDoc.class, Projection.class, Changes.class, Applying.class, TopicProjection.class,
            ShelterDoc.class, ArrivalsDoc.class, DailyArrivals.class, ShelterFold.class, ShelterOverview.class,
            ArrivalsTrend.class,
            AgreementDoc.class, AgreementFold.class, AgreementFulfilment.class,
            ShipmentDoc.class, ShipmentFold.class, DeliveryPerformance.class,
            ProgrammeSummary.class, Alerts.class,
            ReportSnapshot.class, ReportFilter.class, Quantities.class, Scope.class, ReportingPeriod.class,
            DonorDisclosure.class, Disclosure.class, AuditEntry.class};

    @Test
    void theServiceKeepsThePlatformBoundaries() {
        JavaClasses classes = ArchitectureRules.production("org.shelters.reporting");
        // every broken rule in one run, not only the first
        assertAll(ArchitectureRules.forService("org.shelters.reporting", PURE).stream()
                .map(rule -> () -> rule.check(classes)));
    }
}

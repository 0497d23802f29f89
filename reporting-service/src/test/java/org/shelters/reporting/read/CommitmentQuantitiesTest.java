package org.shelters.reporting.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.logistics.ShipmentCancelled;
import org.shelters.reporting.Programme;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.agreements.AgreementFold;
import org.shelters.reporting.agreements.AgreementFulfilment;
import org.shelters.reporting.programme.ProgrammeSummary;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shelters.ShelterOverview;
import org.shelters.reporting.shipments.ShipmentDoc;
import org.shelters.reporting.shipments.ShipmentFold;

/**
 * The quantities of a commitment line as the shared-events README defines them for every service:
 * planned (the pipeline), in transit, accepted, rejected, and outstanding = committed − accepted −
 * planned − in transit, never below 0.
 */
class CommitmentQuantitiesTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-20");
    static final Instant DISPATCHED = Instant.parse("2026-11-18T08:00:00Z");

    final AgreementDoc agreement = signedFor("2400");
    final List<ShipmentDoc> shipments = new ArrayList<>();

    static AgreementDoc signedFor(String tablets) {
        AgreementDoc doc = AgreementDoc.empty("a1");
        AgreementFold.apply(doc, Programme.signed("a1", "s1", "ECHO", "P1", Programme.terms(TODAY.minusDays(30),
                TODAY.plusDays(300), "1000", Programme.line("L1", SupplyCategory.MEDICINES, tablets))), 1);
        return doc;
    }

    ShipmentDoc planned(String id, String quantity) {
        ShipmentDoc doc = ShipmentDoc.empty(id);
        ShipmentFold.apply(doc, Programme.planned(id, "a1", "s1", TODAY,
                Programme.shipmentLine("S1", "L1", SupplyCategory.MEDICINES, quantity)), 1);
        shipments.add(doc);
        return doc;
    }

    ShipmentDoc dispatched(String id, String quantity) {
        ShipmentDoc doc = planned(id, quantity);
        ShipmentFold.apply(doc, Programme.dispatched(id, "a1", "s1", DISPATCHED,
                Programme.shipmentLine("S1", "L1", SupplyCategory.MEDICINES, quantity)), 2);
        return doc;
    }

    void delivered(String id, String shipped, String accepted, String rejected) {
        ShipmentDoc doc = dispatched(id, shipped);
        ShipmentFold.apply(doc, Programme.delivered(id, "a1", "s1", DISPATCHED, DISPATCHED.plusSeconds(3600),
                Programme.deliveredLine("S1", "L1", SupplyCategory.MEDICINES, shipped, accepted, rejected,
                        RejectionReason.DAMAGED)), 3);
    }

    ReportSnapshot snapshot() {
        return ReportSnapshot.of(1, TODAY, List.of(ShelterDoc.empty("s1")), List.of(agreement), shipments);
    }

    AgreementFulfilment.Line line() {
        return AgreementFulfilment.view(agreement, snapshot()).lines().get(0);
    }

    @Test
    void aPlannedShipmentIsInThePipelineNotInTransitAndNoLongerOutstanding() {
        planned("sh1", "1200");
        AgreementFulfilment.Line line = line();
        assertThat(line.committed()).isEqualByComparingTo("2400");
        assertThat(line.planned()).isEqualByComparingTo("1200");
        assertThat(line.inTransit()).isEqualByComparingTo("0");
        assertThat(line.outstanding()).isEqualByComparingTo("1200");
    }

    @Test
    void everyStageOfTheLineIsCountedOnceAndARejectionIsOutstandingAgain() {
        planned("sh1", "1200");
        dispatched("sh2", "300");
        delivered("sh3", "500", "400", "100");
        ShipmentDoc cancelled = planned("sh4", "200");
        ShipmentFold.apply(cancelled, new ShipmentCancelled("sh4", "a1", "s1", "agreement suspended", true), 2);

        AgreementFulfilment.Line line = line();
        assertThat(line.planned()).as("the cancelled shipment is out of the pipeline").isEqualByComparingTo("1200");
        assertThat(line.inTransit()).isEqualByComparingTo("300");
        assertThat(line.accepted()).isEqualByComparingTo("400");
        assertThat(line.rejected()).isEqualByComparingTo("100");
        assertThat(line.outstanding()).as("2400 - 400 - 1200 - 300").isEqualByComparingTo("500");
        assertThat(line.fulfilmentPercent()).isEqualByComparingTo("16.7");
    }

    @Test
    void anOverDeliveryNeverMakesOutstandingNegative() {
        delivered("sh1", "2000", "2000", "0");
        planned("sh2", "600");
        assertThat(line().outstanding()).isEqualByComparingTo("0");
        assertThat(AgreementFulfilment.linesOutstanding(agreement, snapshot())).isZero();
    }

    @Test
    void theShelterOverviewAndTheProgrammeSummaryShowThePipelineToo() {
        planned("sh1", "1200");
        dispatched("sh2", "300");
        delivered("sh3", "500", "400", "100");
        ReportSnapshot snapshot = snapshot();

        UnitQuantities medicines = ShelterOverview.view(snapshot.shelters().get("s1"), snapshot,
                ReportFilter.NONE).fulfilment().get(0).quantities().get(0);
        assertThat(medicines.committed()).isEqualByComparingTo("2400");
        assertThat(medicines.planned()).isEqualByComparingTo("1200");
        assertThat(medicines.dispatched()).as("what left the warehouse: in transit and delivered").isEqualByComparingTo("800");
        assertThat(medicines.inTransit()).isEqualByComparingTo("300");
        assertThat(medicines.accepted()).isEqualByComparingTo("400");

        for (ProgrammeSummary.GroupBy groupBy : ProgrammeSummary.GroupBy.values()) {
            ProgrammeSummary.View summary = ProgrammeSummary.view(snapshot, ReportFilter.NONE, groupBy);
            for (ProgrammeSummary.Row row : List.of(summary.rows().get(0), summary.totals())) {
                UnitQuantities units = row.quantity("unit");
                assertThat(units.planned()).as(groupBy + " " + row.key()).isEqualByComparingTo("1200");
                assertThat(units.dispatched()).as(groupBy + " " + row.key()).isEqualByComparingTo("800");
                assertThat(units.inTransit()).as(groupBy + " " + row.key()).isEqualByComparingTo("300");
                assertThat(units.accepted()).as(groupBy + " " + row.key()).isEqualByComparingTo("400");
            }
        }
    }

    @Test
    void aDateFilterCountsAPlannedShipmentOnItsPlannedDate() {
        planned("sh1", "1200");
        ReportSnapshot snapshot = snapshot();
        ReportFilter yesterday = new ReportFilter(null, null, null, null, null, TODAY.minusDays(1), TODAY.minusDays(1),
                java.time.ZoneOffset.UTC);
        ReportFilter today = new ReportFilter(null, null, null, null, null, TODAY, TODAY, java.time.ZoneOffset.UTC);
        ShelterDoc shelter = snapshot.shelters().get("s1");
        assertThat(ShelterOverview.view(shelter, snapshot, yesterday).fulfilment().get(0).quantities().get(0).planned())
                .isEqualByComparingTo("0");
        assertThat(ShelterOverview.view(shelter, snapshot, today).fulfilment().get(0).quantities().get(0).planned())
                .isEqualByComparingTo("1200");
    }
}

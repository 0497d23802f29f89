package org.shelters.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shelters.reporting.shelters.ShelterFold.ARRIVALS;
import static org.shelters.reporting.shelters.ShelterFold.SHELTERS;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventMetadata;
import org.shelters.events.EventPayload;
import org.shelters.events.Events;
import org.shelters.events.agreements.AgreementSuspended;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterEvent;
import org.shelters.reporting.Programme;
import org.shelters.reporting.Projections;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.agreements.AgreementFold;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.shelters.ArrivalsDoc;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shelters.ShelterFold;
import org.shelters.reporting.shelters.ShelterOverview;
import org.shelters.reporting.shipments.DeliveryPerformance;
import org.shelters.reporting.shipments.ShipmentDoc;
import org.shelters.reporting.shipments.ShipmentFold;

class ProjectionRulesTest {

    static <T extends EventPayload> EventEnvelope<T> at(long sequence, T payload) {
        Instant now = Instant.parse("2026-11-20T10:00:00Z").plusSeconds(sequence);
        return Events.envelope("/test", payload, sequence, EventMetadata.none(), now, now);
    }

    /** Folds one shelters.v1 event as a live poll does (sequence guard included); true if it changed a document. */
    static <D extends ProjectionDoc> boolean fold(Projection<D> projection, Map<String, D> documents,
                                                  EventEnvelope<? extends ShelterEvent> event) {
        ProjectionBatch batch = new ProjectionBatch();
        batch.add(ShelterFold.PROJECTION, event, event.data());
        return !batch.applyTo(projection, documents).isEmpty();
    }

    @Test
    void anArrivalCorrectionReplacesTheFiguresOfItsDateInsteadOfAddingThem() {
        LocalDate day = LocalDate.parse("2026-11-20");
        Map<String, ArrivalsDoc> docs = new HashMap<>();
        fold(ARRIVALS, docs, at(1, Programme.arrivals("s1", day, 1, 100, 30, 50, 5, 15, 90)));
        fold(ARRIVALS, docs, at(2, Programme.arrivals("s1", day, 2, 80, 20, 40, 3, 17, 70)));
        assertThat(docs).as("one document per shelter and date").containsOnlyKeys(ArrivalsDoc.idOf("s1", day.toString()));
        ArrivalsDoc doc = docs.get(ArrivalsDoc.idOf("s1", day.toString()));
        assertThat(doc.figures.arrivals).isEqualTo(80);
        ReportSnapshot snapshot = ReportSnapshot.of(1, day, List.of(), List.of(doc), List.of(), List.of());
        ShelterDoc shelter = snapshot.shelters().get("s1");
        assertThat(shelter.arrivals).hasSize(1);
        assertThat(ShelterOverview.view(shelter, snapshot, ReportFilter.NONE).arrivals().today().arrivals()).isEqualTo(80);
        assertThat(snapshot.asOf()).isEqualTo(Instant.parse("2026-11-20T10:00:02Z"));
    }

    @Test
    void anOlderRevisionArrivingLaterNeverOverwritesANewerOne() {
        LocalDate day = LocalDate.parse("2026-11-20");
        Map<String, ArrivalsDoc> docs = new HashMap<>();
        fold(ARRIVALS, docs, at(1, Programme.arrivals("s1", day, 2, 80, 20, 40, 3, 17, 70)));
        fold(ARRIVALS, docs, at(2, Programme.arrivals("s1", day, 1, 100, 30, 50, 5, 15, 90)));
        assertThat(docs.get(ArrivalsDoc.idOf("s1", day.toString())).figures.arrivals).isEqualTo(80);
    }

    @Test
    void aDailyReportLeavesTheShelterProfileDocumentAlone() {
        Map<String, ShelterDoc> shelters = new HashMap<>();
        assertThat(fold(SHELTERS, shelters, at(1, Programme.arrivals("s1", LocalDate.parse("2026-11-20"), 1, 1, 0, 1, 0, 0, 1))))
                .isFalse();
        assertThat(shelters).isEmpty();
    }

    @Test
    void anEventAtOrBelowTheLastAppliedSequenceChangesNothing() {
        Map<String, ShelterDoc> docs = new HashMap<>();
        assertThat(fold(SHELTERS, docs, at(1, Programme.shelter("s1", "A", "MX-CHP", Corridor.SOUTHERN_BORDER, 10)))).isTrue();
        assertThat(fold(SHELTERS, docs, at(2, Programme.shelter("s1", "B", "MX-CHP", Corridor.SOUTHERN_BORDER, 20)))).isTrue();
        assertThat(fold(SHELTERS, docs, at(2, Programme.shelter("s1", "C", "MX-CHP", Corridor.SOUTHERN_BORDER, 30)))).isFalse();
        assertThat(fold(SHELTERS, docs, at(1, Programme.shelter("s1", "D", "MX-CHP", Corridor.SOUTHERN_BORDER, 40)))).isFalse();
        ShelterDoc doc = docs.get("s1");
        assertThat(doc.name).isEqualTo("B");
        assertThat(doc.seq).isEqualTo(2);
        assertThat(doc.lastRecordedTime).isEqualTo(Instant.parse("2026-11-20T10:00:02Z"));
    }

    @Test
    void theCollectionsKeepTheirNamesSoExistingGenerationsStayReadable() {
        assertThat(Projections.DOCUMENTS).extracting(Projection::collection)
                .containsExactly("shelter_overview", "shelter_arrivals", "agreement_fulfilment", "delivery_performance",
                        "shelter_rollup", "shelter_arrival_months", "programme_rollup");
        assertThat(ShelterFold.SHELTERS.collection(3)).isEqualTo("shelter_overview_v3");
    }

    @Test
    void anAmendmentReplacesTheCommitmentsAndKeepsTheOriginalBudget() {
        AgreementDoc doc = AgreementDoc.empty("a1");
        var start = LocalDate.parse("2026-01-01");
        AgreementFold.apply(doc, Programme.signed("a1", "s1", "ECHO", "P1",
                Programme.terms(start, start.plusDays(300), "1000", Programme.line("L1", SupplyCategory.MEDICINES, "10"),
                        Programme.line("L2", SupplyCategory.MEDICINES, "5"))), 1);
        AgreementFold.apply(doc, Programme.amended("a1", "s1", 1,
                Programme.terms(start, start.plusDays(300), "1500", Programme.line("L1", SupplyCategory.MEDICINES, "20"))), 2);
        AgreementFold.apply(doc, new AgreementSuspended("a1", "s1", "audit"), 3);
        assertThat(doc.commitments).hasSize(1);
        assertThat(doc.commitments.get(0).quantity).isEqualByComparingTo("20");
        assertThat(doc.budget).isEqualByComparingTo("1500");
        assertThat(doc.originalBudget).isEqualByComparingTo("1000");
        assertThat(doc.status).isEqualTo("SUSPENDED");
        assertThat(doc.amendments).isEqualTo(1);
    }

    @Test
    void aProofOfDeliveryAloneIsEnoughForLeadTimeAndRejections() {
        ShipmentDoc doc = ShipmentDoc.empty("sh1");
        Instant dispatched = Instant.parse("2026-11-01T08:00:00Z");
        ShipmentFold.apply(doc, Programme.delivered("sh1", "a1", "s1", dispatched,
                dispatched.plusSeconds(36 * 3600), Programme.deliveredLine("x", "L1", SupplyCategory.MEDICINES, "10", "7", "3",
                        RejectionReason.EXPIRED)), 1);
        assertThat(doc.status).isEqualTo("DELIVERED");
        assertThat(doc.carrier).isEqualTo("Estafeta");
        ShelterDoc shelter = ShelterDoc.empty("s1");
        ReportSnapshot snapshot = ReportSnapshot.of(1, LocalDate.parse("2026-11-05"), List.of(shelter), List.of(), List.of(doc));
        DeliveryPerformance.View view = DeliveryPerformance.view(snapshot, ReportFilter.NONE);
        assertThat(view.overall().medianHours()).isEqualByComparingTo("36.0");
        assertThat(view.rejectionsByReason().get(0).reason()).isEqualTo(RejectionReason.EXPIRED);
        assertThat(view.rejectionRatePercent()).isEqualByComparingTo(new BigDecimal("30.0"));
    }

    @Test
    void percentilesUseTheNearestRank() {
        List<Double> hours = List.of(10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0);
        assertThat(DeliveryPerformance.percentile(hours, 50)).isEqualTo(50.0);
        assertThat(DeliveryPerformance.percentile(hours, 90)).isEqualTo(90.0);
        assertThat(DeliveryPerformance.percentile(List.of(), 90)).isNull();
    }

    @Test
    void aDateFilterReadsDeliveryTimesInTheProgrammeZoneLikeToday() {
        ShipmentDoc doc = ShipmentDoc.empty("sh1");
        Instant dispatched = Instant.parse("2026-11-20T14:00:00Z");
        // 20:00 on 20 November in Mexico City, already 21 November in UTC
        Instant received = Instant.parse("2026-11-21T02:00:00Z");
        ShipmentFold.apply(doc, Programme.delivered("sh1", "a1", "s1", dispatched, received,
                Programme.deliveredLine("x", "L1", SupplyCategory.MEDICINES, "10", "10", "0", null)), 1);
        ReportSnapshot snapshot = ReportSnapshot.of(1, LocalDate.parse("2026-11-20"), List.of(ShelterDoc.empty("s1")),
                List.of(), List.of(doc));
        LocalDate day = LocalDate.parse("2026-11-20");
        ReportFilter onThe20th = new ReportFilter(null, null, null, null, null, day, day,
                java.time.ZoneId.of("America/Mexico_City"));
        assertThat(DeliveryPerformance.view(snapshot, onThe20th).overall().deliveries()).isEqualTo(1);
        ShelterOverview.View shelter = ShelterOverview.view(snapshot.shelters().get("s1"), snapshot, onThe20th);
        assertThat(shelter.lastDeliveryDate()).isEqualTo(day);
    }
}

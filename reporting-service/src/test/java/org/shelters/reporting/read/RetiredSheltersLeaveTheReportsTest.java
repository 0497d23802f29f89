package org.shelters.reporting.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shelters.reporting.Programme.arrivals;
import static org.shelters.reporting.Programme.deliveredLine;
import static org.shelters.reporting.Programme.line;
import static org.shelters.reporting.Programme.shipmentLine;
import static org.shelters.reporting.Programme.terms;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventMetadata;
import org.shelters.events.EventPayload;
import org.shelters.events.Events;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterRetired;
import org.shelters.reporting.Programme;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.agreements.AgreementFold;
import org.shelters.reporting.alerts.Alerts;
import org.shelters.reporting.programme.ProgrammeSummary;
import org.shelters.reporting.projection.ProjectionBatch;
import org.shelters.reporting.projection.TopicProjection;
import org.shelters.reporting.shelters.ArrivalsDoc;
import org.shelters.reporting.shelters.ArrivalsTrend;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shelters.ShelterFold;
import org.shelters.reporting.shelters.ShelterOverview;
import org.shelters.reporting.shipments.DeliveryPerformance;
import org.shelters.reporting.shipments.ShipmentDoc;
import org.shelters.reporting.shipments.ShipmentFold;

/**
 * A retired shelter was registered by mistake: with it retired, every view answers exactly what
 * it answers for a programme that never had it, although its agreement, shipments, trainings and
 * arrivals are still in the documents.
 */
class RetiredSheltersLeaveTheReportsTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-20");
    static final Instant NOW = Instant.parse("2026-11-20T18:00:00Z");
    static final Alerts.Settings SETTINGS = new Alerts.Settings(2.0, 20, 30, 7, 0.10);
    static final ReportFilter ECHO = new ReportFilter(null, null, "ECHO", null, null, null, null, null);
    static final LocalDate TREND_FROM = TODAY.minusDays(29);

    /** The documents the folds write, in memory, with a sequence per aggregate as producers number them. */
    static final class Store {
        final Map<String, ShelterDoc> shelters = new HashMap<>();
        final Map<String, ArrivalsDoc> arrivals = new HashMap<>();
        final Map<String, AgreementDoc> agreements = new HashMap<>();
        final Map<String, ShipmentDoc> shipments = new HashMap<>();
        final Map<String, Long> sequences = new HashMap<>();

        <P extends EventPayload> void fold(TopicProjection<P> topic, P event) {
            long sequence = sequences.merge(event.aggregateId(), 1L, Long::sum);
            Instant time = NOW.minusSeconds(3600).plusSeconds(sequences.size() * 10L + sequence);
            ProjectionBatch batch = new ProjectionBatch();
            batch.add(topic, Events.envelope("/test", event, sequence, EventMetadata.none(), time, time), event);
            batch.applyTo(ShelterFold.SHELTERS, shelters);
            batch.applyTo(ShelterFold.ARRIVALS, arrivals);
            batch.applyTo(AgreementFold.AGREEMENTS, agreements);
            batch.applyTo(ShipmentFold.SHIPMENTS, shipments);
        }

        /**
         * A shelter of 10 beds, over capacity today with a surge of arrivals, whose agreement ends
         * within the alert window with supplies outstanding, a delivery with a high rejection rate,
         * a shipment overdue and a training: it appears in every view and every alert.
         */
        Store shelter(String shelterId, String budget, int arrivalsToday) {
            String agreementId = "a-" + shelterId;
            fold(ShelterFold.PROJECTION, Programme.shelter(shelterId, "Casa " + shelterId, "MX-CHP",
                    Corridor.SOUTHERN_BORDER, 10));
            for (int day = 4; day >= 1; day--) {
                fold(ShelterFold.PROJECTION, arrivals(shelterId, TODAY.minusDays(day), 1, 20, 5, 10, 2, 3, 9));
            }
            fold(ShelterFold.PROJECTION, arrivals(shelterId, TODAY, 1, arrivalsToday, 30, 50, 10, 10, 50));
            fold(AgreementFold.PROJECTION, Programme.signed(agreementId, shelterId, "ECHO", "P1",
                    terms(TODAY.minusDays(60), TODAY.plusDays(10), budget, line("L1", SupplyCategory.MEDICINES, "100"))));
            fold(AgreementFold.PROJECTION, Programme.training(agreementId, shelterId, TrainingTopic.MIGRANT_RIGHTS,
                    TODAY.minusDays(2), 5, 4));
            Instant dispatched = NOW.minus(3, ChronoUnit.DAYS);
            String delivered = "sh-" + shelterId + "-1";
            fold(ShipmentFold.PROJECTION, Programme.dispatched(delivered, agreementId, shelterId, dispatched,
                    shipmentLine("S1", "L1", SupplyCategory.MEDICINES, "60")));
            fold(ShipmentFold.PROJECTION, Programme.delivered(delivered, agreementId, shelterId, dispatched,
                    dispatched.plus(30, ChronoUnit.HOURS),
                    deliveredLine("S1", "L1", SupplyCategory.MEDICINES, "60", "40", "20", RejectionReason.DAMAGED)));
            fold(ShipmentFold.PROJECTION, Programme.dispatched("sh-" + shelterId + "-2", agreementId, shelterId,
                    NOW.minus(10, ChronoUnit.DAYS), shipmentLine("S1", "L1", SupplyCategory.MEDICINES, "30")));
            return this;
        }

        Store retire(String shelterId) {
            fold(ShelterFold.PROJECTION, new ShelterRetired(shelterId, "Registered twice", TODAY));
            return this;
        }

        ReportSnapshot snapshot() {
            return ReportSnapshot.of(1, TODAY, shelters.values(), arrivals.values(), agreements.values(),
                    shipments.values());
        }
    }

    /** What every view answers, without the freshness (asOf moves on with the retirement itself). */
    record Answers(List<ShelterOverview.View> shelters, List<ProgrammeSummary.View> programme,
                   List<ArrivalsTrend.Day> trend, List<Alerts.Alert> alerts, DeliveryPerformance.View delivery,
                   List<ShelterOverview.View> sheltersOfDonor, ProgrammeSummary.View programmeOfDonor,
                   List<Alerts.Alert> alertsOfDonor, DeliveryPerformance.View deliveryOfDonor) {

        static Answers of(ReportSnapshot snapshot) {
            List<ProgrammeSummary.View> programme = new ArrayList<>();
            for (ProgrammeSummary.GroupBy groupBy : ProgrammeSummary.GroupBy.values()) {
                programme.add(ProgrammeSummary.view(snapshot, ReportFilter.NONE, groupBy));
            }
            return new Answers(overviews(snapshot, ReportFilter.NONE), programme,
                    ArrivalsTrend.view(snapshot, ReportFilter.NONE, TREND_FROM, TODAY),
                    Alerts.view(snapshot, ReportFilter.NONE, SETTINGS, NOW),
                    DeliveryPerformance.view(snapshot, ReportFilter.NONE),
                    overviews(snapshot, ECHO), ProgrammeSummary.view(snapshot, ECHO, ProgrammeSummary.GroupBy.DONOR),
                    Alerts.view(snapshot, ECHO, SETTINGS, NOW), DeliveryPerformance.view(snapshot, ECHO));
        }

        static List<ShelterOverview.View> overviews(ReportSnapshot snapshot, ReportFilter filter) {
            return snapshot.sheltersMatching(filter).stream().map(s -> ShelterOverview.view(s, snapshot, filter)).toList();
        }
    }

    @Test
    void everyViewAnswersWithTheRetiredShelterWhatItAnswersForAProgrammeThatNeverHadIt() {
        Answers withoutIt = Answers.of(new Store().shelter("s1", "1000", 100).snapshot());
        Answers stillIn = Answers.of(new Store().shelter("s1", "1000", 100).shelter("s2", "5000", 200).snapshot());
        Answers retired = Answers.of(new Store().shelter("s1", "1000", 100).shelter("s2", "5000", 200).retire("s2")
                .snapshot());

        assertThat(stillIn).as("the second shelter counts until it is retired")
                .usingRecursiveComparison().isNotEqualTo(withoutIt);
        assertThat(retired).usingRecursiveComparison().isEqualTo(withoutIt);
    }

    @Test
    void theProgrammeTotalsLeaveOutTheRetiredShelterItsPeopleBudgetAndSupplies() {
        ProgrammeSummary.Row totals = ProgrammeSummary.view(new Store().shelter("s1", "1000", 100)
                .shelter("s2", "5000", 200).retire("s2").snapshot(), ReportFilter.NONE, ProgrammeSummary.GroupBy.STATE)
                .totals();

        assertThat(totals.shelters()).isEqualTo(1);
        assertThat(totals.agreements()).isEqualTo(1);
        assertThat(totals.budgets()).singleElement().satisfies(b -> {
            assertThat(b.currency()).isEqualTo("USD");
            assertThat(b.amount()).isEqualByComparingTo("1000");
        });
        assertThat(totals.quantity("unit").committed()).isEqualByComparingTo("100");
        assertThat(totals.quantity("unit").accepted()).isEqualByComparingTo("40");
        assertThat(totals.quantity("unit").inTransit()).isEqualByComparingTo("30");
        assertThat(totals.peopleReceived()).as("4 days of 20 and 100 today").isEqualTo(180L);
        assertThat(totals.trainingSessions()).isEqualTo(1);
    }

    @Test
    void noAlertNamesTheRetiredShelterNorAnythingRecordedAgainstIt() {
        ReportSnapshot snapshot = new Store().shelter("s1", "1000", 100).shelter("s2", "5000", 200).retire("s2")
                .snapshot();

        List<Alerts.Alert> alerts = Alerts.view(snapshot, ReportFilter.NONE, SETTINGS, NOW);

        assertThat(alerts).extracting(Alerts.Alert::type).containsExactlyInAnyOrderElementsOf(Alerts.TYPES);
        assertThat(alerts).extracting(Alerts.Alert::shelterId).containsOnly("s1");
    }

    @Test
    void aRetiredShelterKnownOnlyFromItsRetirementAndItsAgreementStaysOut() {
        // its registration was dead-lettered: only the retirement and events of other aggregates came
        Store store = new Store().retire("s3");
        store.fold(AgreementFold.PROJECTION, Programme.signed("a-s3", "s3", "ECHO", "P1",
                terms(TODAY.minusDays(10), TODAY.plusDays(100), "700", line("L1", SupplyCategory.MEDICINES, "5"))));

        assertThat(store.snapshot().sheltersMatching(ReportFilter.NONE)).isEmpty();
    }
}

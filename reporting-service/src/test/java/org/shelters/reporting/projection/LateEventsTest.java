package org.shelters.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shelters.reporting.Programme.amended;
import static org.shelters.reporting.Programme.deliveredLine;
import static org.shelters.reporting.Programme.drafted;
import static org.shelters.reporting.Programme.line;
import static org.shelters.reporting.Programme.shipmentLine;
import static org.shelters.reporting.Programme.signed;
import static org.shelters.reporting.Programme.terms;
import static org.shelters.reporting.agreements.AgreementFold.AGREEMENTS;
import static org.shelters.reporting.shipments.ShipmentFold.SHIPMENTS;

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
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.agreements.AgreementSuspended;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingSessionDelivered;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.events.logistics.LogisticsEvent;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterEvent;
import org.shelters.events.shelters.ShelterProfileUpdated;
import org.shelters.reporting.Programme;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.agreements.AgreementFold;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shelters.ShelterFold;
import org.shelters.reporting.shipments.ShipmentDoc;
import org.shelters.reporting.shipments.ShipmentFold;

/**
 * A dead-lettered event replayed from the DLT after later events of its aggregate (shared-events
 * README, "Late events"): applied once, never over what a later event set.
 */
class LateEventsTest {

    static final LocalDate START = LocalDate.parse("2026-01-01");

    static <T extends EventPayload> EventEnvelope<T> at(long sequence, T payload) {
        Instant time = Instant.parse("2026-11-20T10:00:00Z").plusSeconds(sequence);
        return Events.envelope("/test", payload, sequence, EventMetadata.none(), time, time);
    }

    /** One poll of {@code events}, folded as the live handler and the rebuild do; the documents it changed. */
    static <P extends EventPayload, D extends ProjectionDoc> List<D> poll(TopicProjection<P> topic, Projection<D> documents,
                                                                         Map<String, D> store,
                                                                         List<? extends EventEnvelope<? extends P>> events) {
        ProjectionBatch batch = new ProjectionBatch();
        batch.addAll(topic, events);
        return batch.applyTo(documents, store);
    }

    static List<AgreementDoc> agreements(Map<String, AgreementDoc> store, EventEnvelope<? extends AgreementEvent> event) {
        return poll(AgreementFold.PROJECTION, AGREEMENTS, store, List.of(event));
    }

    final EventEnvelope<? extends AgreementEvent> drafted = at(1, drafted("a1", "s1", "ECHO", "P1",
            terms(START, START.plusDays(300), "1000", line("L1", SupplyCategory.MEDICINES, "10"))));
    final EventEnvelope<? extends AgreementEvent> signed = at(2, signed("a1", "s1", "ECHO", "P1",
            terms(START, START.plusDays(300), "1200", line("L1", SupplyCategory.MEDICINES, "12"))));
    final EventEnvelope<? extends AgreementEvent> amended = at(3, amended("a1", "s1", 1,
            terms(START, START.plusDays(360), "1500", line("L1", SupplyCategory.MEDICINES, "20"),
                    line("L2", SupplyCategory.HYGIENE_PRODUCTS, "5"))));
    final EventEnvelope<? extends AgreementEvent> training = at(4, new TrainingSessionDelivered("a1", "s1", "session-1",
            TrainingTopic.MIGRANT_RIGHTS, START.plusDays(10), 7, 5));

    @Test
    void theGuardRemembersEverySkippedSequenceUntilItArrivesAndThenIgnoresIt() {
        AgreementDoc doc = AgreementDoc.empty("a1");
        assertThat(doc.admit(1)).isTrue();
        assertThat(doc.admit(5)).isTrue();
        assertThat(doc.gaps).extracting(g -> g.from + ".." + g.to).containsExactly("2..4");
        assertThat(doc.admit(3)).as("late").isTrue();
        assertThat(doc.gaps).extracting(g -> g.from + ".." + g.to).containsExactly("2..2", "4..4");
        assertThat(doc.admit(3)).as("a redelivery of the late event").isFalse();
        assertThat(doc.admit(5)).as("a redelivery of the last event").isFalse();
        assertThat(doc.admit(2)).isTrue();
        assertThat(doc.admit(4)).isTrue();
        assertThat(doc.gaps).isEmpty();
        assertThat(doc.admit(1)).isFalse();
        assertThat(doc.admit(0)).as("an event without a sequence is never taken for a late one").isFalse();
        assertThat(doc.seq).isEqualTo(5);
    }

    @Test
    void aLateSignatureSignsTheAgreementAndKeepsTheTermsOfTheLaterAmendment() {
        Map<String, AgreementDoc> store = new HashMap<>();
        agreements(store, drafted);
        agreements(store, amended);
        assertThat(agreements(store, signed)).as("the replayed dead letter is applied").hasSize(1);

        AgreementDoc doc = store.get("a1");
        assertThat(doc.status).isEqualTo("SIGNED");
        assertThat(doc.signedOn).isEqualTo(START);
        assertThat(doc.commitments).extracting(c -> c.lineId).containsExactly("L1", "L2");
        assertThat(doc.commitments.get(0).quantity).as("amendment 1 (seq 3) set the terms after the signature")
                .isEqualByComparingTo("20");
        assertThat(doc.budget).isEqualByComparingTo("1500");
        assertThat(doc.periodEnd).isEqualTo(START.plusDays(360));
        assertThat(doc.originalBudget).as("the IATI original budget is the signed one").isEqualByComparingTo("1200");
        assertThat(doc.amendments).isEqualTo(1);
        assertThat(doc.seq).isEqualTo(3);
        assertThat(doc.gaps).as("the gap the signature left is filled").isEmpty();
        assertThat(doc.lastRecordedTime).isEqualTo(amended.recordedtime());
    }

    @Test
    void aSecondCopyOfTheLateEventChangesNothing() {
        Map<String, AgreementDoc> store = new HashMap<>();
        agreements(store, drafted);
        agreements(store, amended);
        agreements(store, signed);
        AgreementDoc once = copy(store.get("a1"));

        assertThat(agreements(store, signed)).as("a redelivery of the late event").isEmpty();
        assertThat(agreements(store, drafted)).as("a redelivery of an event applied in order").isEmpty();
        assertThat(store.get("a1")).usingRecursiveComparison().isEqualTo(once);
    }

    @Test
    void aRebuildFromOffsetZeroGivesTheSameDocumentsAsTheLateApplication() {
        // live: the signature was dead-lettered, later events went on, then the DLT was re-driven
        Map<String, AgreementDoc> live = new HashMap<>();
        poll(AgreementFold.PROJECTION, AGREEMENTS, live, List.of(drafted));
        poll(AgreementFold.PROJECTION, AGREEMENTS, live, List.of(amended, training));
        poll(AgreementFold.PROJECTION, AGREEMENTS, live, List.of(signed));
        // rebuild: the topic holds the original record in order and the re-driven copy after the others
        Map<String, AgreementDoc> rebuilt = new HashMap<>();
        poll(AgreementFold.PROJECTION, AGREEMENTS, rebuilt, List.of(drafted, signed, amended, training, signed));

        assertThat(rebuilt.get("a1").status).isEqualTo("SIGNED");
        assertThat(rebuilt.get("a1")).usingRecursiveComparison().isEqualTo(live.get("a1"));
    }

    @Test
    void aLateEventNeverOverwritesTheStatusALaterEventSet() {
        Map<String, AgreementDoc> store = new HashMap<>();
        agreements(store, drafted);
        agreements(store, at(3, new AgreementSuspended("a1", "s1", "audit")));
        agreements(store, signed);
        assertThat(store.get("a1").status).isEqualTo("SUSPENDED");
        assertThat(store.get("a1").signedOn).isEqualTo(START);
    }

    @Test
    void aLateTrainingSessionIsCountedOnce() {
        Map<String, AgreementDoc> store = new HashMap<>();
        agreements(store, drafted);
        agreements(store, signed);
        EventEnvelope<? extends AgreementEvent> late = at(3, new TrainingSessionDelivered("a1", "s1", "session-3",
                TrainingTopic.HUMAN_TRAFFICKING, START.plusDays(3), 4, 4));
        agreements(store, training);
        agreements(store, late);
        agreements(store, late);
        assertThat(store.get("a1").trainings).containsOnlyKeys("session-1", "session-3");
    }

    @Test
    void theEventsBeforeTheFirstOneADocumentSawAreAppliedWhenTheyArriveLate() {
        Map<String, AgreementDoc> store = new HashMap<>();
        agreements(store, training);
        agreements(store, signed);
        agreements(store, drafted);
        AgreementDoc doc = store.get("a1");
        assertThat(doc.status).isEqualTo("SIGNED");
        assertThat(doc.donor).isEqualTo("ECHO");
        assertThat(doc.commitments.get(0).quantity).isEqualByComparingTo("12");
        assertThat(doc.trainings).hasSize(1);
        assertThat(agreements(store, amended)).as("seq 3 was skipped too").hasSize(1);
        assertThat(store.get("a1").commitments.get(0).quantity).isEqualByComparingTo("20");
    }

    @Test
    void aLateDispatchAfterTheProofOfDeliveryKeepsTheShipmentDelivered() {
        Instant dispatchedAt = Instant.parse("2026-11-01T08:00:00Z");
        Map<String, ShipmentDoc> store = new HashMap<>();
        List<EventEnvelope<? extends LogisticsEvent>> events = List.of(
                at(1, Programme.planned("sh1", "a1", "s1", START, shipmentLine("S1", "L1", SupplyCategory.MEDICINES, "10"))),
                at(3, Programme.delivered("sh1", "a1", "s1", dispatchedAt, dispatchedAt.plusSeconds(7200),
                        deliveredLine("S1", "L1", SupplyCategory.MEDICINES, "10", "8", "2", RejectionReason.DAMAGED))));
        poll(ShipmentFold.PROJECTION, SHIPMENTS, store, events);
        assertThat(poll(ShipmentFold.PROJECTION, SHIPMENTS, store, List.of(at(2, new org.shelters.events.logistics
                .SuppliesDispatched("sh1", "a1", "s1", dispatchedAt.minusSeconds(60), "DHL", "WB-1",
                List.of(shipmentLine("S1", "L1", SupplyCategory.MEDICINES, "11"))))))).hasSize(1);

        ShipmentDoc doc = store.get("sh1");
        assertThat(doc.status).isEqualTo("DELIVERED");
        assertThat(doc.lines.get(0).accepted).isEqualByComparingTo("8");
        assertThat(doc.lines.get(0).quantity).isEqualByComparingTo("10");
        assertThat(doc.carrier).as("the proof of delivery (seq 3) named the carrier").isEqualTo("Estafeta");
        assertThat(doc.dispatchedAt).isEqualTo(dispatchedAt);
        assertThat(doc.waybill).as("only the dispatch sets the waybill").isEqualTo("WB-1");
    }

    @Test
    void aLateRegistrationKeepsTheProfileOfTheLaterUpdate() {
        Map<String, ShelterDoc> store = new HashMap<>();
        List<EventEnvelope<? extends ShelterEvent>> update = List.of(at(2, new ShelterProfileUpdated("s1", "Casa nueva",
                "MX-SON", "Nogales", Corridor.NORTHERN_BORDER, 80, List.of())));
        poll(ShelterFold.PROJECTION, ShelterFold.SHELTERS, store, update);
        poll(ShelterFold.PROJECTION, ShelterFold.SHELTERS, store,
                List.of(at(1, Programme.shelter("s1", "Casa", "MX-CHP", Corridor.SOUTHERN_BORDER, 40))));
        ShelterDoc doc = store.get("s1");
        assertThat(doc.registered).isTrue();
        assertThat(doc.name).isEqualTo("Casa nueva");
        assertThat(doc.capacity).isEqualTo(80);
    }

    /** An independent copy, to compare with after more events. */
    private static AgreementDoc copy(AgreementDoc doc) {
        var mapper = org.shelters.events.EventJson.mapper();
        return mapper.readValue(mapper.writeValueAsString(doc), AgreementDoc.class);
    }
}

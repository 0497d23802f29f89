package org.shelters.reporting.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shelters.reporting.Programme.arrivals;
import static org.shelters.reporting.Programme.amended;
import static org.shelters.reporting.Programme.line;
import static org.shelters.reporting.Programme.shelter;
import static org.shelters.reporting.Programme.signed;
import static org.shelters.reporting.Programme.terms;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventMetadata;
import org.shelters.events.EventPayload;
import org.shelters.events.Events;
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterEvent;
import org.shelters.events.shelters.ShelterRetired;
import org.shelters.reporting.agreements.AgreementFold;
import org.shelters.reporting.projection.ProjectionBatch;
import org.shelters.reporting.projection.ProjectionStore;
import org.shelters.reporting.projection.TopicProjection;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.read.Scope;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shelters.ShelterFold;
import org.shelters.testsupport.TestInfrastructure;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

/**
 * The rollup's arithmetic against the ground truth: the month totals and latest report computed
 * from every stored day of the shelter ({@link ReportSnapshot#of}), after corrections, late
 * reports, redeliveries and batches cut anywhere. Written through the real store.
 */
class ReadModelsTest {

    static final LocalDate DAY = LocalDate.parse("2026-10-20");
    static MongoClient client;
    static MongoTemplate mongo;
    static ProjectionStore store;
    static ReadModels readModels;
    static RollupReads reads;
    int generation = 1;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.get().mongoUri());
        MongoCustomConversions conversions = MongoCustomConversions.create(adapter -> adapter.useNativeDriverJavaTimeCodecs()
                .bigDecimal(MongoCustomConversions.BigDecimalRepresentation.DECIMAL128));
        MongoMappingContext context = new MongoMappingContext();
        context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        context.afterPropertiesSet();
        MappingMongoConverter converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, context);
        converter.setCustomConversions(conversions);
        converter.afterPropertiesSet();
        mongo = new MongoTemplate(new SimpleMongoClientDatabaseFactory(client, "read-models-" + UUID.randomUUID()),
                converter);
        store = new ProjectionStore(mongo);
        readModels = new ReadModels(store);
        reads = new RollupReads(store);
    }

    @AfterAll
    static void close() {
        mongo.getDb().drop();
        client.close();
    }

    static <P extends EventPayload> EventEnvelope<P> at(long sequence, P payload) {
        Instant time = Instant.parse("2026-11-20T10:00:00Z").plusSeconds(sequence);
        return Events.envelope("/test", payload, sequence, EventMetadata.none(), time, time);
    }

    <P extends EventPayload> void poll(TopicProjection<P> topic, List<? extends EventEnvelope<? extends P>> events) {
        ProjectionBatch batch = new ProjectionBatch();
        batch.addAll(topic, events);
        readModels.write(batch, generation);
    }

    /** The shelter as its rollup has it. */
    ShelterDoc rolledUp(String shelterId) {
        return reads.byIds(generation, List.of(shelterId)).get(0).shelter();
    }

    /** The shelter with its month totals and latest report computed from every stored day. */
    ShelterDoc fromEveryDay(String shelterId) {
        ReportSnapshot snapshot = ReportSnapshot.of(generation, DAY, List.of(),
                store.where(ShelterFold.ARRIVALS, generation, "shelterId", List.of(shelterId)), List.of(), List.of());
        return snapshot.shelters().get(shelterId);
    }

    void assertRollupIsTheGroundTruth(String shelterId) {
        ShelterDoc truth = fromEveryDay(shelterId);
        ShelterDoc rolled = rolledUp(shelterId);
        assertThat(rolled.months).usingRecursiveComparison().isEqualTo(truth.months);
        assertThat(rolled.latest).usingRecursiveComparison().isEqualTo(truth.latest);
    }

    @Test
    void aCorrectionReplacesItsDaysFiguresInTheMonthTotal() {
        String s = "s-" + UUID.randomUUID();
        poll(ShelterFold.PROJECTION, List.of(at(1, shelter(s, "Casa", "MX-CHP", Corridor.SOUTHERN_BORDER, 40)),
                at(2, arrivals(s, DAY, 1, 30, 10, 10, 5, 5, 20)), at(3, arrivals(s, DAY.plusDays(1), 1, 12, 4, 4, 2, 2, 20))));
        poll(ShelterFold.PROJECTION, List.of(at(4, arrivals(s, DAY, 2, 8, 2, 2, 2, 2, 20))));
        assertRollupIsTheGroundTruth(s);
        assertThat(rolledUp(s).months.get("2026-10").arrivals).as("8 + 12, the corrected day counted once").isEqualTo(20);
        assertThat(rolledUp(s).months.get("2026-10").days).isEqualTo(2);
    }

    @Test
    void aLateReportOfAnEarlierDayOrRevisionChangesOnlyWhatItShould() {
        String s = "s-" + UUID.randomUUID();
        List<EventEnvelope<? extends ShelterEvent>> days = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            days.add(at(10 + d, arrivals(s, DAY.plusDays(d), 2, 10 + d, 1, 1, 1, 1, 30)));
        }
        poll(ShelterFold.PROJECTION, days);
        // a report of a day before the others (sequence 5, dead-lettered then replayed) and an old revision of day 3
        poll(ShelterFold.PROJECTION, List.of(at(5, arrivals(s, DAY.minusDays(21), 1, 100, 1, 1, 1, 1, 90)),
                at(6, arrivals(s, DAY.plusDays(3), 1, 999, 1, 1, 1, 1, 99))));
        assertRollupIsTheGroundTruth(s);
        assertThat(rolledUp(s).latest.date).as("the latest day stays the latest").isEqualTo(DAY.plusDays(9).toString());
        assertThat(rolledUp(s).latest.priorDays).as("the late day is among the 30 before it").isEqualTo(10);
        assertThat(rolledUp(s).months.get("2026-09").arrivals).isEqualTo(100);
        assertThat(rolledUp(s).months.get("2026-10").arrivals).as("revision 1 of day 3 does not replace revision 2")
                .isEqualTo(10 + 11 + 12 + 13 + 14 + 15 + 16 + 17 + 18 + 19);
    }

    @Test
    void aRedeliveredBatchLeavesEveryReadSideDocumentAsItWas() {
        String s = "s-" + UUID.randomUUID();
        List<EventEnvelope<? extends ShelterEvent>> events = List.of(at(1, shelter(s, "Casa", "MX-CHP",
                Corridor.SOUTHERN_BORDER, 40)), at(2, arrivals(s, DAY, 1, 30, 10, 10, 5, 5, 20)));
        poll(ShelterFold.PROJECTION, events);
        List<Document> once = raw(s);
        poll(ShelterFold.PROJECTION, events);
        assertThat(raw(s)).isEqualTo(once);
        assertRollupIsTheGroundTruth(s);
    }

    @Test
    void oneBatchOrOneEventABatchDeriveTheSameDocuments() {
        String a = "s-" + UUID.randomUUID();
        String b = "s-" + UUID.randomUUID();
        List<EventEnvelope<? extends ShelterEvent>> events = new ArrayList<>();
        for (int d = 40; d >= 0; d -= 3) {
            events.add(at(100 - d, arrivals("X", DAY.minusDays(d), 1, d, 1, 1, 1, 1, d)));
        }
        poll(ShelterFold.PROJECTION, events.stream().map(e -> retarget(e, a)).toList());
        events.forEach(e -> poll(ShelterFold.PROJECTION, List.of(retarget(e, b))));
        assertRollupIsTheGroundTruth(a);
        assertRollupIsTheGroundTruth(b);
        assertThat(rolledUp(b).months).usingRecursiveComparison().isEqualTo(rolledUp(a).months);
        assertThat(rolledUp(b).latest).usingRecursiveComparison().isEqualTo(rolledUp(a).latest);
    }

    @Test
    void aRetiredShelterLeavesTheStoresFilterButKeepsItsFigures() {
        String s = "s-" + UUID.randomUUID();
        poll(ShelterFold.PROJECTION, List.of(at(1, shelter(s, "Casa", "MX-CHP", Corridor.SOUTHERN_BORDER, 40)),
                at(2, arrivals(s, DAY, 1, 30, 10, 10, 5, 5, 20))));
        Scope only = Scope.of(java.util.Set.of(s));
        assertThat(reads.find(generation, RollupReads.where(only, ReportFilter.NONE))).hasSize(1);
        poll(ShelterFold.PROJECTION, List.of(at(3, new ShelterRetired(s, "registered twice", DAY))));
        assertThat(reads.find(generation, RollupReads.where(only, ReportFilter.NONE))).isEmpty();
        assertThat(rolledUp(s).retired()).isTrue();
        assertRollupIsTheGroundTruth(s);
    }

    @Test
    void anAmendmentReplacesTheAgreementsFacetSoAnOldCategoryNoLongerMatches() {
        String s = "s-" + UUID.randomUUID();
        String agreement = "a-" + UUID.randomUUID();
        var start = DAY.minusDays(30);
        List<EventEnvelope<? extends AgreementEvent>> signedOnly = List.of(at(1, signed(agreement, s, "ECHO", "P1",
                terms(start, start.plusDays(300), "1000", line("L1", SupplyCategory.MEDICINES, "10")))));
        poll(AgreementFold.PROJECTION, signedOnly);
        Scope only = Scope.of(java.util.Set.of(s));
        ReportFilter medicines = new ReportFilter(null, null, "ECHO", null, SupplyCategory.MEDICINES, null, null, null);
        ReportFilter hygiene = new ReportFilter(null, null, "ECHO", null, SupplyCategory.HYGIENE_PRODUCTS, null, null, null);
        assertThat(reads.find(generation, RollupReads.where(only, medicines))).hasSize(1);
        poll(AgreementFold.PROJECTION, List.of(at(2, amended(agreement, s, 1,
                terms(start, start.plusDays(300), "1000", line("L1", SupplyCategory.HYGIENE_PRODUCTS, "10"))))));
        assertThat(reads.find(generation, RollupReads.where(only, medicines))).isEmpty();
        assertThat(reads.find(generation, RollupReads.where(only, hygiene))).hasSize(1);
        assertThat(reads.byIds(generation, List.of(s)).get(0).agreements()).singleElement()
                .satisfies(a -> assertThat(a.commitments.get(0).category).isEqualTo(SupplyCategory.HYGIENE_PRODUCTS));
        // redelivered: the same facet, once
        poll(AgreementFold.PROJECTION, signedOnly);
        assertThat(store.find(ReadModels.ROLLUPS, generation, new Document("_id", s), null, 0, 0).get(0)
                .getList("facets", Document.class)).hasSize(1);
    }

    @Test
    void aGenerationWrittenBeforeTheReadSideDocumentsGetsThemDerivedFromItsDocuments() {
        String s = "s-" + UUID.randomUUID();
        String agreement = "a-" + UUID.randomUUID();
        String shipment = "sh-" + UUID.randomUUID();
        Instant sent = Instant.parse("2026-10-01T08:00:00Z");
        List<EventEnvelope<? extends ShelterEvent>> shelterEvents = List.of(at(1, shelter(s, "Casa", "MX-CHP",
                Corridor.SOUTHERN_BORDER, 40)), at(2, arrivals(s, DAY, 1, 30, 10, 10, 5, 5, 20)),
                at(3, arrivals(s, DAY.minusDays(40), 1, 7, 1, 1, 1, 1, 20)));
        List<EventEnvelope<? extends AgreementEvent>> agreementEvents = List.of(at(1, signed(agreement, s, "ECHO", "P1",
                terms(DAY.minusDays(60), DAY.plusDays(300), "1000", line("L1", SupplyCategory.MEDICINES, "10")))));
        List<EventEnvelope<? extends org.shelters.events.logistics.LogisticsEvent>> shipmentEvents = List.of(
                at(1, org.shelters.reporting.Programme.dispatched(shipment, agreement, s, sent,
                        org.shelters.reporting.Programme.shipmentLine("S1", "L1", SupplyCategory.MEDICINES, "4"))));
        int before = 11;
        int derived = 12;
        ProjectionBatch old = new ProjectionBatch();
        old.addAll(ShelterFold.PROJECTION, shelterEvents);
        old.addAll(AgreementFold.PROJECTION, agreementEvents);
        old.addAll(org.shelters.reporting.shipments.ShipmentFold.PROJECTION, shipmentEvents);
        old.writeTo(store, before);
        generation = derived;
        poll(ShelterFold.PROJECTION, shelterEvents);
        poll(AgreementFold.PROJECTION, agreementEvents);
        poll(org.shelters.reporting.shipments.ShipmentFold.PROJECTION, shipmentEvents);

        assertThat(readModels.backfill(before)).as("documents derived from: the shelter, two days, the agreement, the shipment").isEqualTo(5);
        assertThat(readModels.backfill(before)).as("once").isZero();
        for (var documents : ReadModels.DOCUMENTS) {
            assertThat(store.rawSortedById(documents, before)).as(documents.collection())
                    .isEqualTo(store.rawSortedById(documents, derived)).isNotEmpty();
        }
    }

    private List<Document> raw(String shelterId) {
        List<Document> docs = new ArrayList<>();
        docs.addAll(store.find(ReadModels.ROLLUPS, generation, new Document("_id", shelterId), null, 0, 0));
        docs.addAll(store.find(ReadModels.MONTHS, generation, new Document("shelterId", shelterId), null, 0, 0));
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static EventEnvelope<? extends ShelterEvent> retarget(EventEnvelope<? extends ShelterEvent> e, String shelterId) {
        var a = (org.shelters.events.shelters.ShelterArrivalsReported) e.data();
        return at(e.sequence(), arrivals(shelterId, a.date(), a.revision(), a.arrivals(), a.women(), a.men(), a.girls(),
                a.boys(), a.overnightOccupancy()));
    }
}

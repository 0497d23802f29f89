package org.shelters.reporting.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventPayload;
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.logistics.LogisticsEvent;
import org.shelters.events.shelters.ShelterArrivalsReported;
import org.shelters.events.shelters.ShelterEvent;

/**
 * Applies one poll of events to the projection documents of one generation: per collection, one
 * read of the touched documents and one bulk write of those that changed. Every event belongs to
 * exactly one aggregate document, so events of different aggregates may arrive in any order;
 * within an aggregate, events at or below the document's last sequence are skipped.
 */
public final class ProjectionBatch {

    private ProjectionBatch() {
    }

    /** @return how many events changed a document (the rest were duplicates or replays) */
    public static int apply(ProjectionStore store, int generation, List<EventEnvelope<EventPayload>> events) {
        List<EventEnvelope<EventPayload>> shelters = new ArrayList<>();
        List<EventEnvelope<EventPayload>> arrivals = new ArrayList<>();
        List<EventEnvelope<EventPayload>> agreements = new ArrayList<>();
        List<EventEnvelope<EventPayload>> shipments = new ArrayList<>();
        for (EventEnvelope<EventPayload> event : events) {
            EventPayload data = event.data();
            if (data instanceof ShelterArrivalsReported) {
                arrivals.add(event);
            } else if (data instanceof ShelterEvent) {
                shelters.add(event);
            } else if (data instanceof AgreementEvent) {
                agreements.add(event);
            } else if (data instanceof LogisticsEvent) {
                shipments.add(event);
            }
        }
        return fold(store, ProjectionCollections.name(ProjectionCollections.SHELTERS, generation), ShelterDoc.class, ShelterDoc::empty,
                (doc, e) -> ShelterOverview.apply(doc, (ShelterEvent) e.data()), shelters)
                + fold(store, ProjectionCollections.name(ProjectionCollections.ARRIVALS, generation), ArrivalsDoc.class,
                ArrivalsDoc::empty, (doc, e) -> ShelterOverview.apply(doc, (ShelterArrivalsReported) e.data()), arrivals)
                + fold(store, ProjectionCollections.name(ProjectionCollections.AGREEMENTS, generation), AgreementDoc.class, AgreementDoc::empty,
                (doc, e) -> AgreementFulfilment.apply(doc, (AgreementEvent) e.data()), agreements)
                + fold(store, ProjectionCollections.name(ProjectionCollections.SHIPMENTS, generation), ShipmentDoc.class, ShipmentDoc::empty,
                (doc, e) -> DeliveryPerformance.apply(doc, (LogisticsEvent) e.data()), shipments);
    }

    static <D extends ProjectionDoc> int fold(ProjectionStore store, String collection, Class<D> type,
                                              Function<String, D> empty,
                                              BiConsumer<D, EventEnvelope<EventPayload>> applier,
                                              List<EventEnvelope<EventPayload>> events) {
        if (events.isEmpty()) {
            return 0;
        }
        Map<String, D> docs = store.load(collection, type,
                events.stream().map(e -> documentId(e.data())).distinct().toList());
        Map<String, D> changed = new LinkedHashMap<>();
        int applied = 0;
        for (EventEnvelope<EventPayload> event : events) {
            String id = documentId(event.data());
            D doc = docs.computeIfAbsent(id, empty);
            if (applyGuarded(doc, event, applier)) {
                changed.put(id, doc);
                applied++;
            }
        }
        store.replaceAll(collection, changed.values());
        return applied;
    }

    /** The aggregate id, except for arrivals: one document per shelter and date. */
    static String documentId(EventPayload data) {
        if (data instanceof ShelterArrivalsReported a) {
            return ArrivalsDoc.idOf(a.shelterId(), a.date().toString());
        }
        return data.aggregateId();
    }

    /** The sequence guard, in one place: a replayed or duplicated event leaves the document as it is. */
    static <D extends ProjectionDoc> boolean applyGuarded(D doc, EventEnvelope<EventPayload> event,
                                                           BiConsumer<D, EventEnvelope<EventPayload>> applier) {
        if (event.sequence() <= doc.seq) {
            return false;
        }
        applier.accept(doc, event);
        doc.seq = event.sequence();
        Instant recorded = event.recordedtime();
        if (recorded != null && (doc.lastRecordedTime == null || recorded.isAfter(doc.lastRecordedTime))) {
            doc.lastRecordedTime = recorded;
        }
        return true;
    }
}

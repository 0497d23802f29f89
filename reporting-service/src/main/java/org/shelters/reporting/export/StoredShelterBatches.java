package org.shelters.reporting.export;

import static org.shelters.reporting.agreements.AgreementFold.AGREEMENTS;
import static org.shelters.reporting.shelters.ShelterFold.ARRIVALS;
import static org.shelters.reporting.shelters.ShelterFold.SHELTERS;
import static org.shelters.reporting.shipments.ShipmentFold.SHIPMENTS;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.shelters.events.shelters.Corridor;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.projection.Projection;
import org.shelters.reporting.projection.ProjectionDoc;
import org.shelters.reporting.projection.ProjectionStore;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportReader;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.read.Scope;
import org.shelters.reporting.shelters.ArrivalsDoc;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shipments.ShipmentDoc;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The exports' shelters from the store, in two steps.
 *
 * <p>Opening reads small keys once: each shelter's name, state, municipality and corridor (the
 * row order), the ids of the agreements and shipments of each shelter, and the dates that have
 * arrivals. Shelters known only from their arrivals, agreements or shipments are in it too (they
 * sort last). Within a partner's scope the keys are read for its shelters only.
 *
 * <p>Each batch of {@code reporting.export.batch-size} shelters is then read by {@code _id} only:
 * the shelters, their arrival days ({@code shelterId|date} for the dates known), their agreements
 * and shipments. So a batch costs what it returns on any store (the embedded one answers only
 * {@code _id} queries from an index), and it holds only documents of shelters of the caller's
 * scope. A batch is read as the store has it then: rows of different batches may reflect events
 * a moment apart, as two requests would.
 */
@Component
@EnableConfigurationProperties(ExportBatching.class)
public class StoredShelterBatches implements ShelterBatches {

    private static final String SHELTER_ID = "shelterId";
    private static final List<String> SHELTER_KEYS = List.of("name", "state", "municipality", "corridor");
    /**
     * Ids per {@code _id $in} query. The embedded store finds each id by the index, then checks
     * each document found against the whole {@code $in} list again, so a query of k ids costs k²:
     * a batch's arrival days (100 shelters x 365 days) go in queries of 100.
     */
    private static final int IDS_PER_QUERY = 100;

    private final ProjectionStore store;
    private final ProgrammeCalendar calendar;
    private final int batchSize;
    private final DistributionSummary shelters;
    private final DistributionSummary documents;
    private final List<Watch> watches = new CopyOnWriteArrayList<>();

    /** Told of every batch an export reads (diagnostics and tests of what an export holds at once). */
    public interface Watch {

        /** Before the batch of {@code ids} is read from the store. */
        default void reading(List<String> ids) {
        }

        /** The batch as read: {@code documents} held for it (shelters, arrival days, agreements, shipments). */
        default void read(List<String> ids, long documents) {
        }
    }

    public StoredShelterBatches(ProjectionStore store, ProgrammeCalendar calendar, ExportBatching batching,
                                MeterRegistry meters) {
        this.store = store;
        this.calendar = calendar;
        this.batchSize = batching.batchSize();
        this.shelters = DistributionSummary.builder("reporting.export.batch.shelters")
                .description("Shelters an export read in one batch (at most reporting.export.batch-size)")
                .register(meters);
        this.documents = DistributionSummary.builder("reporting.export.batch.documents")
                .description("Documents an export held at once: one batch's shelters, arrival days, agreements and shipments")
                .register(meters);
    }

    /** Until closed, {@code watch} is told of every batch read. */
    public AutoCloseable watch(Watch watch) {
        watches.add(watch);
        return () -> watches.remove(watch);
    }

    @Override
    public Reading open(ReportReader.Pinned pinned, Scope scope, ReportFilter filter, boolean narrow) {
        int generation = pinned.generation();
        Set<String> scoped = scope.all() ? null : scope.shelters();
        Map<String, List<String>> agreementsOf = new HashMap<>();
        Set<String> withMatchingAgreement = new HashSet<>();
        for (Document d : store.fields(AGREEMENTS, generation, SHELTER_ID, scoped, List.of(SHELTER_ID, "donor", "phase"))) {
            String shelter = d.getString(SHELTER_ID);
            if (shelter != null) {
                agreementsOf.computeIfAbsent(shelter, k -> new ArrayList<>()).add(String.valueOf(d.get("_id")));
                if ((filter.donor() == null || filter.donor().equals(d.getString("donor")))
                        && (filter.phase() == null || filter.phase().equals(d.getString("phase")))) {
                    withMatchingAgreement.add(shelter);
                }
            }
        }
        Map<String, List<String>> shipmentsOf = new HashMap<>();
        for (Document d : store.fields(SHIPMENTS, generation, SHELTER_ID, scoped, List.of(SHELTER_ID))) {
            String shelter = d.getString(SHELTER_ID);
            if (shelter != null) {
                shipmentsOf.computeIfAbsent(shelter, k -> new ArrayList<>()).add(String.valueOf(d.get("_id")));
            }
        }
        List<String> dates = store.distinct(ARRIVALS, generation, "date", Map.of()).stream().sorted().toList();

        Set<String> ids = scoped == null ? null : new LinkedHashSet<>(scoped);
        if (narrow && (filter.donor() != null || filter.phase() != null || filter.category() != null)) {
            // only a shelter with an agreement of the donor and phase can pass (the category is checked per batch)
            if (ids == null) {
                ids = new LinkedHashSet<>(withMatchingAgreement);
            } else {
                ids.retainAll(withMatchingAgreement);
            }
        }
        Map<String, ShelterDoc> keys = new HashMap<>();
        for (Document d : store.fields(SHELTERS, generation, "_id", ids, SHELTER_KEYS)) {
            ShelterDoc key = key(d);
            keys.put(key.id, key);
        }
        if (ids == null) {
            ids = new LinkedHashSet<>(keys.keySet());
            ids.addAll(agreementsOf.keySet());
            ids.addAll(shipmentsOf.keySet());
            ids.addAll(store.distinct(ARRIVALS, generation, SHELTER_ID, Map.of()));
        }
        boolean byPlace = narrow && (filter.state() != null || filter.corridor() != null);
        List<ShelterDoc> listed = new ArrayList<>();
        for (String id : ids) {
            ShelterDoc key = keys.computeIfAbsent(id, ShelterDoc::empty);
            // a shelter known only from other documents has no state or corridor, so it passes neither filter
            if (!byPlace || ((filter.state() == null || filter.state().equals(key.state))
                    && (filter.corridor() == null || filter.corridor() == key.corridor))) {
                listed.add(key);
            }
        }
        List<String> ordered = listed.stream().sorted(ExportRules.byPlace()).map(s -> s.id).toList();
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < ordered.size(); from += batchSize) {
            batches.add(ordered.subList(from, Math.min(ordered.size(), from + batchSize)));
        }
        return new Reading() {
            @Override
            public int batches() {
                return batches.size();
            }

            @Override
            public Batch read(int index) {
                return StoredShelterBatches.this.read(pinned, batches.get(index), filter, agreementsOf, shipmentsOf, dates);
            }
        };
    }

    private Batch read(ReportReader.Pinned pinned, List<String> ids, ReportFilter filter,
                       Map<String, List<String>> agreementsOf, Map<String, List<String>> shipmentsOf, List<String> dates) {
        watches.forEach(w -> w.reading(ids));
        int generation = pinned.generation();
        List<String> days = new ArrayList<>();
        List<String> agreementIds = new ArrayList<>();
        List<String> shipmentIds = new ArrayList<>();
        for (String id : ids) {
            dates.forEach(date -> days.add(ArrivalsDoc.idOf(id, date)));
            agreementIds.addAll(agreementsOf.getOrDefault(id, List.of()));
            shipmentIds.addAll(shipmentsOf.getOrDefault(id, List.of()));
        }
        List<ShelterDoc> shelterDocs = byId(SHELTERS, generation, ids);
        List<ArrivalsDoc> arrivals = byId(ARRIVALS, generation, days);
        List<AgreementDoc> agreements = byId(AGREEMENTS, generation, agreementIds);
        List<ShipmentDoc> shipments = byId(SHIPMENTS, generation, shipmentIds);
        ReportSnapshot snapshot = ReportSnapshot.of(pinned.named(), calendar.today(), shelterDocs, arrivals, agreements,
                shipments);
        long held = shelterDocs.size() + arrivals.size() + agreements.size() + shipments.size();
        shelters.record(ids.size());
        documents.record(held);
        watches.forEach(w -> w.read(ids, held));
        return new Batch(snapshot, ShelterBatches.inOrder(snapshot, ids, filter));
    }

    private <D extends ProjectionDoc> List<D> byId(Projection<D> projection, int generation, List<String> ids) {
        List<D> docs = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            docs.addAll(store.load(projection, generation, ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)))
                    .values());
        }
        return docs;
    }

    private static ShelterDoc key(Document d) {
        ShelterDoc key = ShelterDoc.empty(String.valueOf(d.get("_id")));
        key.name = d.getString("name");
        key.state = d.getString("state");
        key.municipality = d.getString("municipality");
        String corridor = d.getString("corridor");
        key.corridor = corridor == null ? null : Corridor.valueOf(corridor);
        return key;
    }
}

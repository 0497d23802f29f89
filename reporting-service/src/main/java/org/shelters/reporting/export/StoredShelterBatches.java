package org.shelters.reporting.export;

import static org.shelters.reporting.agreements.AgreementFold.AGREEMENTS;
import static org.shelters.reporting.shelters.ShelterFold.ARRIVALS;
import static org.shelters.reporting.shelters.ShelterFold.SHELTERS;
import static org.shelters.reporting.shipments.ShipmentFold.SHIPMENTS;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.shelters.events.shelters.Corridor;
import org.shelters.reporting.projection.ProjectionStore;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportReader;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.read.Scope;
import org.shelters.reporting.shelters.ShelterDoc;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The exports' shelters from the store. The order is computed from the ordering keys alone (name,
 * state, municipality, corridor of each shelter document, and the ids of shelters known only
 * from their arrivals, agreements or shipments, which sort last); then each batch of
 * {@code reporting.export.batch-size} ids is one {@link ReportReader.Pinned#snapshot scoped
 * snapshot}. The ids are always within the caller's scope, so a batch never reads another
 * shelter. A batch is read as the store has it then: rows of different batches may reflect
 * events a moment apart, as two requests would.
 */
@Component
@EnableConfigurationProperties(ExportBatching.class)
public class StoredShelterBatches implements ShelterBatches {

    private static final String SHELTER_ID = "shelterId";
    private static final List<String> KEYS = List.of("name", "state", "municipality", "corridor");

    private final ProjectionStore store;
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

    public StoredShelterBatches(ProjectionStore store, ExportBatching batching, MeterRegistry meters) {
        this.store = store;
        this.batchSize = batching.batchSize();
        this.shelters = DistributionSummary.builder("reporting.export.batch.shelters")
                .description("Shelters an export read in one batch (at most reporting.export.batch-size)")
                .register(meters);
        this.documents = DistributionSummary.builder("reporting.export.batch.documents")
                .description("Documents an export held at once: one batch's shelters, arrival days, agreements and shipments")
                .register(meters);
    }

    @Override
    public List<List<String>> order(ReportReader.Pinned pinned, Scope scope, ReportFilter filter, boolean narrow) {
        int generation = pinned.generation();
        Set<String> ids = scope.all() ? null : new LinkedHashSet<>(scope.shelters());
        if (narrow && (filter.donor() != null || filter.phase() != null || filter.category() != null)) {
            // only a shelter with an agreement of the donor / phase (/ category, checked per batch) can pass
            Map<String, String> equal = new LinkedHashMap<>();
            if (filter.donor() != null) {
                equal.put("donor", filter.donor());
            }
            if (filter.phase() != null) {
                equal.put("phase", filter.phase());
            }
            Set<String> withAgreement = store.distinct(AGREEMENTS, generation, SHELTER_ID, equal);
            if (ids == null) {
                ids = withAgreement;
            } else {
                ids.retainAll(withAgreement);
            }
        }
        List<ShelterDoc> keys = new ArrayList<>();
        Map<String, ShelterDoc> byId = new HashMap<>();
        for (Document d : store.fields(SHELTERS, generation, "_id", ids, KEYS)) {
            ShelterDoc key = key(d);
            byId.put(key.id, key);
        }
        if (ids == null) {
            // every shelter: those with a document of their own, and those known only from other documents
            ids = new LinkedHashSet<>(byId.keySet());
            ids.addAll(store.distinct(ARRIVALS, generation, SHELTER_ID, Map.of()));
            ids.addAll(store.distinct(AGREEMENTS, generation, SHELTER_ID, Map.of()));
            ids.addAll(store.distinct(SHIPMENTS, generation, SHELTER_ID, Map.of()));
        }
        boolean byPlace = narrow && (filter.state() != null || filter.corridor() != null);
        for (String id : ids) {
            ShelterDoc key = byId.computeIfAbsent(id, ShelterDoc::empty);
            // a shelter known only from other documents has no state or corridor, so it passes neither filter
            if (!byPlace || ((filter.state() == null || filter.state().equals(key.state))
                    && (filter.corridor() == null || filter.corridor() == key.corridor))) {
                keys.add(key);
            }
        }
        List<String> ordered = keys.stream().sorted(ExportRules.byPlace()).map(s -> s.id).toList();
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < ordered.size(); from += batchSize) {
            batches.add(ordered.subList(from, Math.min(ordered.size(), from + batchSize)));
        }
        return batches;
    }

    /** Until closed, {@code watch} is told of every batch read. */
    public AutoCloseable watch(Watch watch) {
        watches.add(watch);
        return () -> watches.remove(watch);
    }

    @Override
    public Batch read(ReportReader.Pinned pinned, List<String> ids, ReportFilter filter) {
        watches.forEach(w -> w.reading(ids));
        ReportSnapshot snapshot = pinned.snapshot(Scope.of(Set.copyOf(ids)));
        long held = snapshot.shelters().size() + snapshot.agreements().size() + snapshot.shipments().size()
                + snapshot.shelters().values().stream().mapToLong(s -> s.arrivals.size()).sum();
        shelters.record(ids.size());
        documents.record(held);
        watches.forEach(w -> w.read(ids, held));
        return new Batch(snapshot, ShelterBatches.inOrder(snapshot, ids, filter));
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

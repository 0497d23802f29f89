package org.shelters.reporting.rollup;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.agreements.AgreementFold;
import org.shelters.reporting.projection.Projection;
import org.shelters.reporting.projection.ProjectionBatch;
import org.shelters.reporting.projection.ProjectionDoc;
import org.shelters.reporting.projection.ProjectionStore;
import org.shelters.reporting.shelters.ArrivalsDoc;
import org.shelters.reporting.shelters.DailyArrivals;
import org.shelters.reporting.shelters.LatestReport;
import org.shelters.reporting.shelters.MonthTotals;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shelters.ShelterFold;
import org.shelters.reporting.shipments.ShipmentDoc;
import org.shelters.reporting.shipments.ShipmentFold;
import org.springframework.stereotype.Component;

/**
 * The read-side documents, derived after every batch (live, rebuild and knownAt replays alike:
 * all write through {@link #write}) from the documents the batch touched, as they are after it.
 * Each field is a copy or a sum of guarded documents, recomputed from them, so a redelivered event
 * refreshes it to the same value and an interrupted batch is completed by its redelivery.
 * <ul>
 *   <li>{@link #ROLLUPS}: one {@link ShelterRollup} per shelter;</li>
 *   <li>{@link #MONTHS}: one {@link ArrivalsMonth} per shelter and month;</li>
 *   <li>{@link #PROGRAMME}: the programme's newest recordedtime.</li>
 * </ul>
 */
@Component
public class ReadModels {

    public static final Projection<ShelterRollup> ROLLUPS = new Projection<>("shelter_rollup", ShelterRollup.class,
            ShelterRollup::empty, List.of("state", "corridor", "facets.donor,facets.phase", "facets.categories"));
    public static final Projection<ArrivalsMonth> MONTHS = new Projection<>("shelter_arrival_months",
            ArrivalsMonth.class, ArrivalsMonth::empty, List.of("shelterId"));
    public static final Projection<ProgrammeRollup> PROGRAMME = new Projection<>("programme_rollup",
            ProgrammeRollup.class, ProgrammeRollup::empty);
    /** What a rebuild drops and refills besides the folds' documents. */
    public static final List<Projection<?>> DOCUMENTS = List.of(ROLLUPS, MONTHS, PROGRAMME);

    /** The shelter profile fields a rollup copies. */
    static final List<String> PROFILE = List.of("registered", "name", "state", "municipality", "corridor", "capacity",
            "services", "demo", "retirement");
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final PushOptions BY_AGREEMENT = new PushOptions().sortDocument(new Document("agreement", 1));

    private final ProjectionStore store;

    public ReadModels(ProjectionStore store) {
        this.store = store;
    }

    /** Writes {@code batch} to {@code generation}, then refreshes what is derived from the documents it touched. */
    public void write(ProjectionBatch batch, int generation) {
        derive(batch.writeTo(store, generation), generation);
    }

    /**
     * Derives the read-side documents of a generation written before they existed, from all of its
     * documents, once: when it has documents but no programme document yet. Run before the live
     * consumers start, so nothing writes the generation meanwhile.
     *
     * @return how many documents it derived from (0 when there was nothing to do)
     */
    public long backfill(int generation) {
        if (store.count(PROGRAMME, generation, new Document()) > 0) {
            return 0;
        }
        long seen = 0;
        for (Projection<? extends ProjectionDoc> folded : List.of(ShelterFold.SHELTERS, ShelterFold.ARRIVALS,
                AgreementFold.AGREEMENTS, ShipmentFold.SHIPMENTS)) {
            seen += backfill(folded, generation);
        }
        return seen;
    }

    private <D extends ProjectionDoc> long backfill(Projection<D> folded, int generation) {
        return store.forEachBatch(folded, generation, 500,
                docs -> derive(new ProjectionBatch.Touched(Map.of(folded, docs)), generation));
    }

    void derive(ProjectionBatch.Touched touched, int generation) {
        List<WriteModel<Document>> rollups = new ArrayList<>();
        Instant newest = null;
        for (ShelterDoc shelter : touched.of(ShelterFold.SHELTERS)) {
            rollups.add(update(shelter.id, profile(shelter), shelter.lastRecordedTime));
            newest = newer(newest, shelter.lastRecordedTime);
        }
        List<ArrivalsDoc> days = touched.of(ShelterFold.ARRIVALS).stream().filter(a -> a.figures != null).toList();
        rollups.addAll(arrivals(days, generation));
        for (ArrivalsDoc day : days) {
            newest = newer(newest, day.lastRecordedTime);
        }
        List<AgreementDoc> agreements = touched.of(AgreementFold.AGREEMENTS).stream().filter(a -> a.shelterId != null)
                .toList();
        rollups.addAll(agreements(agreements, generation));
        for (AgreementDoc agreement : agreements) {
            newest = newer(newest, agreement.lastRecordedTime);
        }
        for (ShipmentDoc shipment : touched.of(ShipmentFold.SHIPMENTS)) {
            if (shipment.shelterId != null) {
                rollups.add(update(shipment.shelterId, List.of(Updates.set("shipments." + key(shipment.id),
                        Copies.shipment(shipment))), shipment.lastRecordedTime));
                newest = newer(newest, shipment.lastRecordedTime);
            }
        }
        store.update(ROLLUPS, generation, rollups);
        if (newest != null) {
            store.update(PROGRAMME, generation, List.of(new UpdateOneModel<>(Filters.eq("_id", ProgrammeRollup.ID),
                    Updates.max("lastRecordedTime", Date.from(newest)), UPSERT)));
        }
    }

    private List<Bson> profile(ShelterDoc shelter) {
        Document stored = store.toDocument(shelter);
        List<Bson> sets = new ArrayList<>();
        PROFILE.forEach(field -> sets.add(Updates.set(field, stored.get(field))));
        sets.add(Updates.set("retired", shelter.retired()));
        return sets;
    }

    /**
     * Each day into its month's document; then the month's totals, recomputed from the month, and
     * the latest report, recomputed when the batch moved it or changed a day it compares with.
     * One shelter's days come from one partition only, so reading the old latest here is safe.
     */
    private List<WriteModel<Document>> arrivals(List<ArrivalsDoc> days, int generation) {
        if (days.isEmpty()) {
            return List.of();
        }
        Map<String, List<ArrivalsDoc>> byMonth = new LinkedHashMap<>();
        days.forEach(d -> byMonth.computeIfAbsent(ArrivalsMonth.idOf(d.shelterId, MonthTotals.monthOf(d.date)),
                k -> new ArrayList<>()).add(d));
        List<WriteModel<Document>> monthWrites = new ArrayList<>();
        byMonth.forEach((id, of) -> {
            List<Bson> sets = new ArrayList<>(List.of(Updates.set("shelterId", of.get(0).shelterId),
                    Updates.set("month", MonthTotals.monthOf(of.get(0).date))));
            of.forEach(d -> sets.add(Updates.set("days." + d.date, store.toDocument(d.figures))));
            monthWrites.add(new UpdateOneModel<>(Filters.eq("_id", id), Updates.combine(sets), UPSERT));
        });
        store.update(MONTHS, generation, monthWrites);

        Map<String, ArrivalsMonth> months = new HashMap<>(store.load(MONTHS, generation, byMonth.keySet()));
        Map<String, String> touchedLatest = new TreeMap<>();
        days.forEach(d -> touchedLatest.merge(d.shelterId, d.date, (a, b) -> a.compareTo(b) >= 0 ? a : b));
        Map<String, LatestReport> old = latest(touchedLatest.keySet(), generation);
        Map<String, LocalDate> recompute = new LinkedHashMap<>();
        touchedLatest.forEach((shelterId, newestTouched) -> {
            LatestReport before = old.get(shelterId);
            String date = before == null || newestTouched.compareTo(before.date) > 0 ? newestTouched : before.date;
            LocalDate latest = LocalDate.parse(date);
            String firstCompared = LatestReport.firstPriorDay(latest).toString();
            boolean affected = before == null || !date.equals(before.date) || days.stream()
                    .anyMatch(d -> d.shelterId.equals(shelterId) && d.date.compareTo(firstCompared) >= 0);
            if (affected) {
                recompute.put(shelterId, latest);
            }
        });
        Set<String> wanted = new LinkedHashSet<>();
        recompute.forEach((shelterId, latest) -> {
            wanted.add(ArrivalsMonth.idOf(shelterId, MonthTotals.monthOf(LatestReport.firstPriorDay(latest).toString())));
            wanted.add(ArrivalsMonth.idOf(shelterId, MonthTotals.monthOf(latest.toString())));
        });
        wanted.removeAll(months.keySet());
        months.putAll(store.load(MONTHS, generation, wanted));

        Map<String, List<Bson>> sets = new LinkedHashMap<>();
        Map<String, Instant> newest = new HashMap<>();
        byMonth.forEach((id, of) -> {
            ArrivalsMonth month = months.get(id);
            String shelterId = of.get(0).shelterId;
            if (month != null) {
                sets.computeIfAbsent(shelterId, k -> new ArrayList<>())
                        .add(Updates.set("months." + month.month, store.toDocument(MonthTotals.of(month.days))));
            }
            of.forEach(d -> newest.merge(shelterId, d.lastRecordedTime == null ? Instant.MIN : d.lastRecordedTime,
                    (a, b) -> a.isAfter(b) ? a : b));
        });
        recompute.forEach((shelterId, latest) -> {
            TreeMap<String, DailyArrivals> compared = new TreeMap<>();
            for (String month : List.of(MonthTotals.monthOf(LatestReport.firstPriorDay(latest).toString()),
                    MonthTotals.monthOf(latest.toString()))) {
                ArrivalsMonth m = months.get(ArrivalsMonth.idOf(shelterId, month));
                if (m != null) {
                    compared.putAll(m.days);
                }
            }
            LatestReport report = LatestReport.of(compared.headMap(latest.toString(), true));
            sets.computeIfAbsent(shelterId, k -> new ArrayList<>())
                    .add(Updates.set("latest", report == null ? null : store.toDocument(report)));
        });
        List<WriteModel<Document>> writes = new ArrayList<>();
        sets.forEach((shelterId, of) -> {
            Instant time = newest.get(shelterId);
            writes.add(update(shelterId, of, Instant.MIN.equals(time) ? null : time));
        });
        return writes;
    }

    private Map<String, LatestReport> latest(Set<String> shelterIds, int generation) {
        Map<String, LatestReport> found = new HashMap<>();
        for (Document rollup : store.find(ROLLUPS, generation, Filters.in("_id", shelterIds),
                Projections.include("latest"), 0, 0)) {
            Document latest = rollup.get("latest", Document.class);
            if (latest != null) {
                found.put(rollup.getString("_id"), store.read(LatestReport.class, latest));
            }
        }
        return found;
    }

    /**
     * The agreement's copy, and its facet where it changed: pulled and pushed back in order of
     * agreement id, so the list reads the same whatever order the agreements came in. Only the
     * agreement's own partition writes its copy and facet.
     */
    private List<WriteModel<Document>> agreements(List<AgreementDoc> agreements, int generation) {
        if (agreements.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, ShelterRollup.Facet>> stored = new HashMap<>();
        Set<String> shelters = new LinkedHashSet<>();
        agreements.forEach(a -> shelters.add(a.shelterId));
        for (Document rollup : store.find(ROLLUPS, generation, Filters.in("_id", shelters),
                Projections.include("facets"), 0, 0)) {
            Map<String, ShelterRollup.Facet> facets = new HashMap<>();
            for (Document facet : rollup.getList("facets", Document.class, List.of())) {
                ShelterRollup.Facet f = store.read(ShelterRollup.Facet.class, facet);
                facets.put(f.agreement, f);
            }
            stored.put(rollup.getString("_id"), facets);
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (AgreementDoc a : agreements) {
            writes.add(update(a.shelterId, List.of(Updates.set("agreements." + key(a.id), Copies.agreement(a))),
                    a.lastRecordedTime));
            ShelterRollup.Facet facet = facet(a);
            ShelterRollup.Facet before = stored.getOrDefault(a.shelterId, Map.of()).get(a.id);
            if (!facet.equals(before)) {
                if (before != null) {
                    writes.add(new UpdateOneModel<>(Filters.eq("_id", a.shelterId),
                            Updates.pull("facets", new Document("agreement", a.id))));
                }
                writes.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", a.shelterId),
                        Filters.ne("facets.agreement", a.id)),
                        Updates.pushEach("facets", List.of(store.toDocument(facet)), BY_AGREEMENT)));
                stored.computeIfAbsent(a.shelterId, k -> new HashMap<>()).put(a.id, facet);
            }
        }
        return writes;
    }

    static ShelterRollup.Facet facet(AgreementDoc agreement) {
        ShelterRollup.Facet facet = new ShelterRollup.Facet();
        facet.agreement = agreement.id;
        facet.donor = agreement.donor;
        facet.phase = agreement.phase;
        EnumSet<SupplyCategory> categories = EnumSet.noneOf(SupplyCategory.class);
        agreement.commitments.stream().map(c -> c.category).filter(Objects::nonNull).forEach(categories::add);
        facet.categories = new ArrayList<>(categories);
        return facet;
    }

    private static WriteModel<Document> update(String shelterId, List<Bson> sets, Instant recorded) {
        List<Bson> updates = new ArrayList<>(sets);
        if (recorded != null) {
            updates.add(Updates.max("lastRecordedTime", Date.from(recorded)));
        }
        return new UpdateOneModel<>(Filters.eq("_id", shelterId), Updates.combine(updates), UPSERT);
    }

    /** An aggregate id as a field name: no dots or dollars (the copy inside keeps the id as it is). */
    static String key(String id) {
        return id.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    private static Instant newer(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
}

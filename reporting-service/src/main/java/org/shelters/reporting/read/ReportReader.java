package org.shelters.reporting.read;

import static org.shelters.reporting.agreements.AgreementFold.AGREEMENTS;
import static org.shelters.reporting.shelters.ShelterFold.ARRIVALS;
import static org.shelters.reporting.shelters.ShelterFold.SHELTERS;
import static org.shelters.reporting.shipments.ShipmentFold.SHIPMENTS;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.platform.query.Page;
import org.shelters.platform.query.PageRequest;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.projection.Generations;
import org.shelters.reporting.projection.ProjectionStore;
import org.shelters.reporting.rebuild.ScratchGenerations;
import org.shelters.reporting.rollup.ArrivalsMonth;
import org.shelters.reporting.rollup.RollupReads;
import org.shelters.reporting.shelters.ArrivalsDoc;
import org.shelters.reporting.shelters.MonthTotals;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shipments.ShipmentDoc;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reads the active generation (or a given one) into a {@link ReportSnapshot}, dated today in the
 * programme's calendar. A request asked {@code ?knownAt=} ({@link KnownAt}) is read from the
 * scratch generation of that instant instead ({@link ScratchGenerations}), and its calendar's
 * today is the knownAt's day: every report and export is computed from here, so each honours
 * knownAt without knowing of it. The scope is applied in the same store query either way.
 *
 * <p>Reports read the shelters' read-side documents ({@link RollupReads}) by id or by the filter's
 * fields, and of the days only the months a view needs ({@link Days}); the snapshot of a scope
 * ({@link #snapshot(Scope)}) reads its shelters' documents by id. What a request reads grows with
 * what it answers about, never with the programme.
 */
@Component
public class ReportReader {

    /**
     * Which reported days a view reads besides the month totals: none, every day of [from, to], or
     * only the days of the months [from, to] starts or ends inside ({@code edgesOnly}).
     */
    public record Days(LocalDate from, LocalDate to, boolean edgesOnly) {

        public static final Days NONE = new Days(null, null, false);

        public static Days between(LocalDate from, LocalDate to) {
            return new Days(from, to, false);
        }

        /** For a figure that adds whole months up and reads days only where the range cuts a month. */
        public static Days edgesOf(LocalDate from, LocalDate to) {
            return new Days(from, to, true);
        }

        /** The months ({@code YYYY-MM}) whose days are read. */
        Set<String> months() {
            Set<String> months = new LinkedHashSet<>();
            if (edgesOnly) {
                for (LocalDate edge : new LocalDate[] {from, to}) {
                    if (edge != null && !MonthTotals.covers(YearMonth.from(edge), from, to)) {
                        months.add(YearMonth.from(edge).toString());
                    }
                }
            } else if (from != null && to != null) {
                for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
                    months.add(m.toString());
                }
            }
            return months;
        }
    }

    /** One page of shelters: the snapshot of its shelters and their ids in order, with the total. */
    public record ShelterPage(ReportSnapshot snapshot, Page<String> ids) {
    }

    private final ProjectionStore store;
    private final Generations generations;
    private final ProgrammeCalendar calendar;
    private final ScratchGenerations scratch;
    private final RollupReads rollups;

    @Autowired
    public ReportReader(ProjectionStore store, Generations generations, ProgrammeCalendar calendar,
                        ScratchGenerations scratch, RollupReads rollups) {
        this.store = store;
        this.generations = generations;
        this.calendar = calendar;
        this.scratch = scratch;
        this.rollups = rollups;
    }

    /** Without knownAt (tests that give the snapshot themselves). */
    public ReportReader(ProjectionStore store, Generations generations, ProgrammeCalendar calendar) {
        this(store, generations, calendar, null, new RollupReads(store));
    }

    /** Every shelter's documents (in-process callers that need every day of every shelter). */
    public ReportSnapshot snapshot() {
        return inGeneration((generation, named) -> read(generation, named, Scope.ALL));
    }

    public ReportSnapshot snapshot(int generation) {
        return read(generation, generation, Scope.ALL);
    }

    /**
     * The documents of the shelters in {@code scope} only, every day of them included, read by id:
     * a report computed from it cannot count, page or show anything outside the scope.
     */
    public ReportSnapshot snapshot(Scope scope) {
        if (scope.all()) {
            return snapshot();
        }
        return inGeneration((generation, named) -> read(generation, named, scope));
    }

    /** These shelters (those of them {@code scope} may read) with the days {@code days} asks for. */
    public ReportSnapshot shelters(Scope scope, Collection<String> shelterIds, Days days) {
        List<String> readable = shelterIds.stream().filter(scope::includes).distinct().toList();
        return inGeneration((generation, named) -> partial(generation, named, scope,
                rollups.byIds(generation, readable), days));
    }

    /** The shelters {@code scope} may read that pass {@code filter}, selected by the store, with the days {@code days} asks for. */
    public ReportSnapshot shelters(Scope scope, ReportFilter filter, Days days) {
        return inGeneration((generation, named) -> partial(generation, named, scope,
                rollups.find(generation, RollupReads.where(scope, filter)), days));
    }

    /** One page of the shelters {@code scope} may read that pass {@code filter}: paged, counted and sorted by id in the store. */
    public ShelterPage shelterPage(Scope scope, ReportFilter filter, PageRequest page, Days days) {
        return inGeneration((generation, named) -> {
            var where = RollupReads.where(scope, filter);
            List<String> ids = rollups.ids(generation, where, page.offset(), page.size());
            long total = rollups.count(generation, where);
            ReportSnapshot snapshot = partial(generation, named, scope, rollups.byIds(generation, ids), days);
            return new ShelterPage(snapshot, page.of(ids, total));
        });
    }

    /** Every id of the shelters {@code scope} may read that pass {@code filter}, in order (for reading them in batches). */
    public List<String> shelterIds(Scope scope, ReportFilter filter) {
        return inGeneration((generation, named) -> rollups.ids(generation, RollupReads.where(scope, filter), 0, 0));
    }

    /**
     * The agreement with its shelter (profile, agreements, shipments), if {@code scope} may read it;
     * empty when there is none or it is another shelter's.
     */
    public Optional<ReportSnapshot> agreement(Scope scope, String agreementId) {
        return inGeneration((generation, named) -> {
            Optional<AgreementDoc> agreement = rollups.agreement(generation, agreementId)
                    .filter(a -> scope.includes(a.shelterId));
            if (agreement.isEmpty()) {
                return Optional.empty();
            }
            List<RollupReads.Shelter> shelter = rollups.byIds(generation, List.of(agreement.get().shelterId));
            ReportSnapshot snapshot = partial(generation, named, scope, shelter, Days.NONE);
            // the agreement as stored, even if its copy in the rollup is a batch behind
            List<AgreementDoc> agreements = new ArrayList<>(snapshot.agreements().values());
            agreements.removeIf(a -> a.id.equals(agreementId));
            agreements.add(agreement.get());
            return Optional.of(ReportSnapshot.partial(snapshot.generation(), snapshot.asOf(), snapshot.today(),
                    snapshot.shelters().values(), agreements, snapshot.shipments()));
        });
    }

    private <T> T inGeneration(BiFunction<Integer, Integer, T> read) {
        int active = generations.active();
        Optional<KnownAt> knownAt = KnownAt.current();
        if (knownAt.isEmpty() || scratch == null) {
            return read.apply(active, active);
        }
        // the answer names the live generation: the scratch one is this instance's copy, and naming it
        // would make two answers of the same knownAt differ
        try (ScratchGenerations.Lease lease = scratch.lease(knownAt.get().instant())) {
            return read.apply(lease.generation(), active);
        }
    }

    /**
     * The generation this request reads, held for an answer read in many parts (an export reads
     * its shelters in batches): without knownAt it is the active generation at each read; with
     * knownAt the scratch generation of that instant, leased once for every part, so it is
     * replayed at most once and every part reads the same one. Close it when the answer is written.
     */
    public Pinned pin() {
        Optional<KnownAt> knownAt = KnownAt.current();
        if (knownAt.isEmpty() || scratch == null) {
            return new Pinned(null);
        }
        return new Pinned(scratch.lease(knownAt.get().instant()));
    }

    /** See {@link #pin()}. */
    public final class Pinned implements AutoCloseable {

        private final ScratchGenerations.Lease lease;

        private Pinned(ScratchGenerations.Lease lease) {
            this.lease = lease;
        }

        /** The generation to read now. */
        public int generation() {
            return lease == null ? generations.active() : lease.generation();
        }

        /**
         * The generation an answer names ({@link ReportSnapshot#generation()}): the live one, also
         * for knownAt, whose scratch generation is this instance's copy.
         */
        public int named() {
            return generations.active();
        }

        @Override
        public void close() {
            if (lease != null) {
                lease.close();
            }
        }
    }

    /** The rollups read, with the days asked for; asOf of the scope (the programme's for every shelter). */
    private ReportSnapshot partial(int generation, int named, Scope scope, List<RollupReads.Shelter> shelters, Days days) {
        Set<String> wanted = days.months();
        List<String> monthIds = new ArrayList<>();
        List<ShelterDoc> docs = new ArrayList<>();
        List<AgreementDoc> agreements = new ArrayList<>();
        List<ShipmentDoc> shipments = new ArrayList<>();
        for (RollupReads.Shelter s : shelters) {
            docs.add(s.shelter());
            agreements.addAll(s.agreements());
            shipments.addAll(s.shipments());
            wanted.stream().filter(s.shelter().months::containsKey).forEach(m -> monthIds.add(ArrivalsMonth.idOf(s.shelter().id, m)));
        }
        Map<String, ArrivalsMonth> months = rollups.months(generation, monthIds);
        for (ShelterDoc shelter : docs) {
            for (String month : wanted) {
                ArrivalsMonth m = months.get(ArrivalsMonth.idOf(shelter.id, month));
                if (m != null) {
                    shelter.arrivals.putAll(m.days);
                }
            }
        }
        Instant asOf = scope.all() ? rollups.programmeAsOf(generation) : rollups.asOf(generation, scope.shelters());
        return ReportSnapshot.partial(named, asOf, calendar.today(), docs, agreements, shipments);
    }

    private ReportSnapshot read(int generation, int named, Scope scope) {
        if (scope.all()) {
            return ReportSnapshot.of(named, calendar.today(), store.all(SHELTERS, generation),
                    store.all(ARRIVALS, generation), store.all(AGREEMENTS, generation), store.all(SHIPMENTS, generation));
        }
        // by id only: the shelters, then through their rollups the ids of their agreements, shipments and months
        List<RollupReads.Shelter> shelters = rollups.byIds(generation, scope.shelters());
        Set<String> agreementIds = new LinkedHashSet<>();
        Set<String> shipmentIds = new LinkedHashSet<>();
        List<String> monthIds = new ArrayList<>();
        for (RollupReads.Shelter s : shelters) {
            s.agreements().forEach(a -> agreementIds.add(a.id));
            s.shipments().forEach(sh -> shipmentIds.add(sh.id));
            s.shelter().months.keySet().forEach(m -> monthIds.add(ArrivalsMonth.idOf(s.shelter().id, m)));
        }
        List<ArrivalsDoc> arrivals = new ArrayList<>();
        rollups.months(generation, monthIds).values().forEach(m -> m.days.forEach((date, figures) -> {
            ArrivalsDoc day = ArrivalsDoc.empty(ArrivalsDoc.idOf(m.shelterId, date));
            day.figures = figures;
            arrivals.add(day);
        }));
        ReportSnapshot snapshot = ReportSnapshot.of(named, calendar.today(),
                store.load(SHELTERS, generation, scope.shelters()).values(), arrivals,
                store.load(AGREEMENTS, generation, agreementIds).values(),
                store.load(SHIPMENTS, generation, shipmentIds).values());
        // the days' recordedtimes are in their shelters' rollups
        Instant asOf = rollups.asOf(generation, scope.shelters());
        Instant newest = snapshot.asOf() == null || (asOf != null && asOf.isAfter(snapshot.asOf())) ? asOf : snapshot.asOf();
        return new ReportSnapshot(snapshot.generation(), newest, snapshot.today(), snapshot.shelters(),
                snapshot.agreements(), snapshot.shipments(), snapshot.agreementsByShelter(),
                snapshot.shipmentsByShelter(), snapshot.shipmentsByAgreement());
    }
}

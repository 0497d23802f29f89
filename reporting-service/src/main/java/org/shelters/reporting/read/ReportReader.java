package org.shelters.reporting.read;

import static org.shelters.reporting.agreements.AgreementFold.AGREEMENTS;
import static org.shelters.reporting.shelters.ShelterFold.ARRIVALS;
import static org.shelters.reporting.shelters.ShelterFold.SHELTERS;
import static org.shelters.reporting.shipments.ShipmentFold.SHIPMENTS;

import java.util.Optional;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.reporting.projection.Generations;
import org.shelters.reporting.projection.ProjectionStore;
import org.shelters.reporting.rebuild.ScratchGenerations;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reads the active generation (or a given one) into a {@link ReportSnapshot}, dated today in the
 * programme's calendar. A request asked {@code ?knownAt=} ({@link KnownAt}) is read from the
 * scratch generation of that instant instead ({@link ScratchGenerations}), and its calendar's
 * today is the knownAt's day: every report and export is computed from here, so each honours
 * knownAt without knowing of it. The scope is applied in the same store query either way.
 */
@Component
public class ReportReader {

    /** The field every arrivals, agreement and shipment document names its shelter by. */
    private static final String SHELTER_ID = "shelterId";

    private final ProjectionStore store;
    private final Generations generations;
    private final ProgrammeCalendar calendar;
    private final ScratchGenerations scratch;

    @Autowired
    public ReportReader(ProjectionStore store, Generations generations, ProgrammeCalendar calendar,
                        ScratchGenerations scratch) {
        this.store = store;
        this.generations = generations;
        this.calendar = calendar;
        this.scratch = scratch;
    }

    /** Without knownAt (tests that give the snapshot themselves). */
    public ReportReader(ProjectionStore store, Generations generations, ProgrammeCalendar calendar) {
        this(store, generations, calendar, null);
    }

    /** Every shelter's documents (operations' gauges, in-process callers). */
    public ReportSnapshot snapshot() {
        return read(Scope.ALL);
    }

    public ReportSnapshot snapshot(int generation) {
        return read(generation, generation, Scope.ALL);
    }

    /**
     * The documents of the shelters in {@code scope} only, selected by the store's query: a report
     * computed from it cannot count, page or show anything outside the scope.
     */
    public ReportSnapshot snapshot(Scope scope) {
        if (scope.all()) {
            return snapshot();
        }
        return read(scope);
    }

    private ReportSnapshot read(Scope scope) {
        int active = generations.active();
        Optional<KnownAt> knownAt = KnownAt.current();
        if (knownAt.isEmpty() || scratch == null) {
            return read(active, active, scope);
        }
        // the answer names the live generation: the scratch one is this instance's copy, and naming it
        // would make two answers of the same knownAt differ
        try (ScratchGenerations.Lease lease = scratch.lease(knownAt.get().instant())) {
            return read(lease.generation(), active, scope);
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

    private ReportSnapshot read(int generation, int named, Scope scope) {
        if (scope.all()) {
            return ReportSnapshot.of(named, calendar.today(), store.all(SHELTERS, generation),
                    store.all(ARRIVALS, generation), store.all(AGREEMENTS, generation), store.all(SHIPMENTS, generation));
        }
        return ReportSnapshot.of(named, calendar.today(), store.where(SHELTERS, generation, "_id", scope.shelters()),
                store.where(ARRIVALS, generation, SHELTER_ID, scope.shelters()),
                store.where(AGREEMENTS, generation, SHELTER_ID, scope.shelters()),
                store.where(SHIPMENTS, generation, SHELTER_ID, scope.shelters()));
    }
}

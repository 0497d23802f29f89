package org.shelters.reporting.read;

import static org.shelters.reporting.agreements.AgreementFold.AGREEMENTS;
import static org.shelters.reporting.shelters.ShelterFold.ARRIVALS;
import static org.shelters.reporting.shelters.ShelterFold.SHELTERS;
import static org.shelters.reporting.shipments.ShipmentFold.SHIPMENTS;

import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.reporting.projection.Generations;
import org.shelters.reporting.projection.ProjectionStore;
import org.springframework.stereotype.Component;

/** Reads the active generation (or a given one) into a {@link ReportSnapshot}, dated today in the programme's calendar. */
@Component
public class ReportReader {

    /** The field every arrivals, agreement and shipment document names its shelter by. */
    private static final String SHELTER_ID = "shelterId";

    private final ProjectionStore store;
    private final Generations generations;
    private final ProgrammeCalendar calendar;

    public ReportReader(ProjectionStore store, Generations generations, ProgrammeCalendar calendar) {
        this.store = store;
        this.generations = generations;
        this.calendar = calendar;
    }

    /** Every shelter's documents (operations' gauges, in-process callers). */
    public ReportSnapshot snapshot() {
        return snapshot(generations.active());
    }

    public ReportSnapshot snapshot(int generation) {
        return ReportSnapshot.of(generation, calendar.today(), store.all(SHELTERS, generation),
                store.all(ARRIVALS, generation), store.all(AGREEMENTS, generation), store.all(SHIPMENTS, generation));
    }

    /**
     * The documents of the shelters in {@code scope} only, selected by the store's query: a report
     * computed from it cannot count, page or show anything outside the scope.
     */
    public ReportSnapshot snapshot(Scope scope) {
        if (scope.all()) {
            return snapshot();
        }
        int generation = generations.active();
        return ReportSnapshot.of(generation, calendar.today(), store.where(SHELTERS, generation, "_id", scope.shelters()),
                store.where(ARRIVALS, generation, SHELTER_ID, scope.shelters()),
                store.where(AGREEMENTS, generation, SHELTER_ID, scope.shelters()),
                store.where(SHIPMENTS, generation, SHELTER_ID, scope.shelters()));
    }
}

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

    private final ProjectionStore store;
    private final Generations generations;
    private final ProgrammeCalendar calendar;

    public ReportReader(ProjectionStore store, Generations generations, ProgrammeCalendar calendar) {
        this.store = store;
        this.generations = generations;
        this.calendar = calendar;
    }

    public ReportSnapshot snapshot() {
        return snapshot(generations.active());
    }

    public ReportSnapshot snapshot(int generation) {
        return ReportSnapshot.of(generation, calendar.today(), store.all(SHELTERS, generation),
                store.all(ARRIVALS, generation), store.all(AGREEMENTS, generation), store.all(SHIPMENTS, generation));
    }
}

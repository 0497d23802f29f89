package org.shelters.reporting.projection;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.shelters.reporting.ReportingProperties;
import org.springframework.stereotype.Component;

/** Reads the active generation (or a given one) into a {@link ReportSnapshot}. */
@Component
public class ReportReader {

    private final ProjectionStore store;
    private final Generations generations;
    private final Clock clock;
    private final ZoneId zone;

    public ReportReader(ProjectionStore store, Generations generations, Clock clock, ReportingProperties properties) {
        this.store = store;
        this.generations = generations;
        this.clock = clock;
        this.zone = ZoneId.of(properties.zone());
    }

    public ReportSnapshot snapshot() {
        return snapshot(generations.active());
    }

    public ReportSnapshot snapshot(int generation) {
        return ReportSnapshot.of(generation, LocalDate.now(clock.withZone(zone)),
                store.all(ProjectionCollections.name(ProjectionCollections.SHELTERS, generation), ShelterDoc.class),
                store.all(ProjectionCollections.name(ProjectionCollections.ARRIVALS, generation), ArrivalsDoc.class),
                store.all(ProjectionCollections.name(ProjectionCollections.AGREEMENTS, generation), AgreementDoc.class),
                store.all(ProjectionCollections.name(ProjectionCollections.SHIPMENTS, generation), ShipmentDoc.class));
    }
}

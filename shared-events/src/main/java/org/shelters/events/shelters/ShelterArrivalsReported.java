package org.shelters.events.shelters;

import java.time.LocalDate;

/**
 * Aggregate counts of the people a shelter received on one day; never personal data.
 * A report for a date already reported carries a higher {@code revision} and replaces the
 * earlier figures: consumers must never add revisions up.
 */
public record ShelterArrivalsReported(
        String shelterId,
        LocalDate date,
        int revision,
        int arrivals,
        int women,
        int men,
        int girls,
        int boys,
        int unaccompaniedChildren,
        int olderPersons,
        int reportedKidnapOrTraffickingVictims,
        int overnightOccupancy) implements ShelterEvent {
}

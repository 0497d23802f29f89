package org.shelters.agreements.shelter;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/**
 * A shelter's stored arrivals reports for a range of days, oldest first; a day not reported is
 * left out. Built from the service's events, so a report of the last moments may not be in it yet:
 * {@code pending} names those days and {@code complete} says none is.
 */
@Schema(requiredProperties = {"shelterId", "from", "to", "days", "complete", "pending"})
public record ArrivalsReadBack(
        String shelterId,
        LocalDate from,
        LocalDate to,
        @Schema(description = "The reported days in from..to, oldest first, each with its latest correction")
        List<DailyArrivals> days,
        @Schema(description = "Days of from..to whose latest accepted report is not in the read-back yet (it follows "
                + "within a fraction of a second); read again to see them", example = "[]")
        List<LocalDate> pending,
        @Schema(description = "True when every report the service accepted for from..to is in the read-back (pending is empty)")
        boolean complete) {

    public ArrivalsReadBack {
        days = List.copyOf(days);
        pending = List.copyOf(pending);
        complete = pending.isEmpty();
    }

    ArrivalsReadBack(String shelterId, LocalDate from, LocalDate to, List<DailyArrivals> days, List<LocalDate> pending) {
        this(shelterId, from, to, days, pending, pending.isEmpty());
    }
}

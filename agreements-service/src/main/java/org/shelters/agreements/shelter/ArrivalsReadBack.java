package org.shelters.agreements.shelter;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/**
 * A shelter's stored arrivals reports for a range of days, oldest first; a day not reported is
 * left out.
 */
@Schema(requiredProperties = {"shelterId", "from", "to", "days"})
public record ArrivalsReadBack(
        String shelterId,
        LocalDate from,
        LocalDate to,
        @Schema(description = "The reported days in from..to, oldest first, each with its latest correction")
        List<DailyArrivals> days) {
}

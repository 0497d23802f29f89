package org.shelters.agreements.shelter;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One day's arrivals as the shelter reported them last: the latest correction's figures, which
 * revision that is and when it was recorded. What {@code GET /api/shelters/{id}/arrivals} answers
 * per day; aggregate counts only, as reported.
 */
@Schema(requiredProperties = {"date", "revision", "corrections", "recordedAt", "arrivals", "women", "men", "girls",
        "boys", "unaccompaniedChildren", "olderPersons", "reportedKidnapOrTraffickingVictims", "overnightOccupancy"})
public record DailyArrivals(
        LocalDate date,
        @Schema(description = "1 for the first report of the day, higher for each correction", example = "2")
        int revision,
        @Schema(description = "How many times the day was corrected (revision - 1)", example = "1")
        int corrections,
        @Schema(description = "When this revision was recorded by the service")
        Instant recordedAt,
        @Schema(description = "When the first report of the day kept here was recorded")
        Instant firstRecordedAt,
        int arrivals,
        int women,
        int men,
        int girls,
        int boys,
        int unaccompaniedChildren,
        int olderPersons,
        int reportedKidnapOrTraffickingVictims,
        int overnightOccupancy) {
}

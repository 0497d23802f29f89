package org.shelters.agreements.shelter;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import org.shelters.agreements.InputChecks;
import org.shelters.platform.domain.Violations;

/**
 * One shelter's aggregate counts for one day: never anything about a person. Women, men, girls
 * and boys split the arrivals; the other sub-groups are "of whom" counts.
 */
@Schema(requiredProperties = {"date", "arrivals", "women", "men", "girls", "boys", "unaccompaniedChildren", "olderPersons",
        "reportedKidnapOrTraffickingVictims", "overnightOccupancy"},
        description = "Every count is required, 0 or more; women + men + girls + boys must not exceed arrivals")
public record ArrivalsReport(
        LocalDate date,
        Integer arrivals,
        Integer women,
        Integer men,
        Integer girls,
        Integer boys,
        Integer unaccompaniedChildren,
        Integer olderPersons,
        Integer reportedKidnapOrTraffickingVictims,
        Integer overnightOccupancy) {

    /** @throws org.shelters.platform.domain.Refusal INVALID naming every field at fault */
    void validate(LocalDate today) {
        Violations v = new Violations();
        if (InputChecks.date(v, date, "date")) {
            v.require(!date.isAfter(today), "date", "must not be in the future (today is " + today + ")");
        }
        boolean total = v.nonNegative(arrivals, "arrivals");
        boolean w = v.nonNegative(women, "women");
        boolean m = v.nonNegative(men, "men");
        boolean g = v.nonNegative(girls, "girls");
        boolean b = v.nonNegative(boys, "boys");
        boolean u = v.nonNegative(unaccompaniedChildren, "unaccompaniedChildren");
        boolean o = v.nonNegative(olderPersons, "olderPersons");
        boolean k = v.nonNegative(reportedKidnapOrTraffickingVictims, "reportedKidnapOrTraffickingVictims");
        v.nonNegative(overnightOccupancy, "overnightOccupancy");
        if (total) {
            if (w && m && g && b) {
                long split = (long) women + men + girls + boys;
                v.require(split <= arrivals, "arrivals",
                        "women + men + girls + boys (" + split + ") must not exceed arrivals (" + arrivals + ")");
            }
            if (w) {
                v.require(women <= arrivals, "women", "must not exceed arrivals");
            }
            if (m) {
                v.require(men <= arrivals, "men", "must not exceed arrivals");
            }
            if (g) {
                v.require(girls <= arrivals, "girls", "must not exceed arrivals");
            }
            if (b) {
                v.require(boys <= arrivals, "boys", "must not exceed arrivals");
            }
            if (u) {
                v.require(unaccompaniedChildren <= arrivals, "unaccompaniedChildren", "must not exceed arrivals");
                if (g && b) {
                    v.require(unaccompaniedChildren <= (long) girls + boys, "unaccompaniedChildren",
                            "must not exceed girls + boys (" + ((long) girls + boys) + ")");
                }
            }
            if (o) {
                v.require(olderPersons <= arrivals, "olderPersons", "must not exceed arrivals");
            }
            if (k) {
                v.require(reportedKidnapOrTraffickingVictims <= arrivals, "reportedKidnapOrTraffickingVictims",
                        "must not exceed arrivals");
            }
        }
        v.throwIfAny();
    }
}

package org.shelters.reporting.shelters;

import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;

/**
 * A shelter's latest reported day and what the alerts compare it with: its overnight occupancy
 * (against capacity) and its arrivals against the mean of the reported days of the 30 before it.
 * Kept with the shelter's read-side document, so neither the alerts nor the occupancy read a day.
 */
public class LatestReport {

    /** How far back the arrivals it is compared with go. */
    public static final int PRIOR_DAYS = 30;

    public String date;
    public int arrivals;
    public int overnightOccupancy;
    /** How many days in the 30 before {@link #date} have a report. */
    public int priorDays;
    /** Their arrivals, added up. */
    public long priorArrivals;

    /** From every reported day of a shelter (or at least its latest and the 30 before it); null for none. */
    public static LatestReport of(NavigableMap<String, DailyArrivals> days) {
        Map.Entry<String, DailyArrivals> latest = days.lastEntry();
        if (latest == null) {
            return null;
        }
        LatestReport report = new LatestReport();
        report.date = latest.getKey();
        report.arrivals = latest.getValue().arrivals;
        report.overnightOccupancy = latest.getValue().overnightOccupancy;
        for (DailyArrivals before : days.subMap(LocalDate.parse(report.date).minusDays(PRIOR_DAYS).toString(), true,
                report.date, false).values()) {
            report.priorDays++;
            report.priorArrivals += before.arrivals;
        }
        return report;
    }

    /** The first day the comparison reads. */
    public static LocalDate firstPriorDay(LocalDate latest) {
        return latest.minusDays(PRIOR_DAYS);
    }

    /** The mean arrivals of the prior days with a report; 0 when none has. */
    public double priorAverage() {
        return priorDays == 0 ? 0 : (double) priorArrivals / priorDays;
    }

    public LocalDate day() {
        return LocalDate.parse(date);
    }
}

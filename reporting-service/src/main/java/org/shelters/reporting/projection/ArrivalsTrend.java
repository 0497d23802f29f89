package org.shelters.reporting.projection;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** People received per day, with vulnerable groups, over the filtered shelters. */
public final class ArrivalsTrend {

    public record Day(LocalDate date, int arrivals, int women, int men, int girls, int boys,
                      int unaccompaniedChildren, int olderPersons, int reportedKidnapOrTraffickingVictims) {
    }

    private ArrivalsTrend() {
    }

    /** Every day of [from, to], zero where nothing was reported. */
    public static List<Day> view(ReportSnapshot snapshot, ReportFilter filter, LocalDate from, LocalDate to) {
        Map<String, int[]> days = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.put(d.toString(), new int[8]);
        }
        for (ShelterDoc shelter : snapshot.sheltersMatching(filter)) {
            shelter.arrivals.subMap(from.toString(), true, to.toString(), true).forEach((date, a) -> {
                int[] t = days.get(date);
                t[0] += a.arrivals;
                t[1] += a.women;
                t[2] += a.men;
                t[3] += a.girls;
                t[4] += a.boys;
                t[5] += a.unaccompaniedChildren;
                t[6] += a.olderPersons;
                t[7] += a.reportedKidnapOrTraffickingVictims;
            });
        }
        List<Day> result = new ArrayList<>();
        days.forEach((date, t) -> result.add(new Day(LocalDate.parse(date), t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7])));
        return result;
    }
}

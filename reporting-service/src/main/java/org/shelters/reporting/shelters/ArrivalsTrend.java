package org.shelters.reporting.shelters;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportSnapshot;

/** People received per day, with vulnerable groups, over the filtered shelters. */
public final class ArrivalsTrend {

    /**
     * The sum over the filtered shelters of one day, in longs: each shelter's report fits an int,
     * their sum need not. Null only in a donor's answer, which is published without the breakdown
     * and with small counts suppressed ({@code access.DonorDisclosure}).
     */
    public record Day(LocalDate date, Long arrivals, Long women, Long men, Long girls, Long boys,
                      Long unaccompaniedChildren, Long olderPersons, Long reportedKidnapOrTraffickingVictims) {
    }

    private ArrivalsTrend() {
    }

    /** Every day of [from, to], zero where nothing was reported. */
    public static List<Day> view(ReportSnapshot snapshot, ReportFilter filter, LocalDate from, LocalDate to) {
        Map<String, List<DailyArrivals>> days = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.put(d.toString(), new ArrayList<>());
        }
        for (ShelterDoc shelter : snapshot.sheltersMatching(filter)) {
            shelter.arrivals.subMap(from.toString(), true, to.toString(), true).forEach((date, a) -> days.get(date).add(a));
        }
        List<Day> result = new ArrayList<>();
        days.forEach((date, reports) -> {
            ShelterOverview.ArrivalTotals t = ShelterOverview.ArrivalTotals.sum(reports);
            result.add(new Day(LocalDate.parse(date), t.arrivals(), t.women(), t.men(), t.girls(), t.boys(),
                    t.unaccompaniedChildren(), t.olderPersons(), t.reportedKidnapOrTraffickingVictims()));
        });
        return result;
    }
}

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
     *
     * @param partial         the day's figures are not complete: it is today (or later) in the programme's
     *                        calendar, or no shelter has reported it or any later day yet. A chart draws
     *                        it apart, not as a fall in arrivals.
     * @param sheltersReported how many of the filtered shelters reported the day
     */
    public record Day(LocalDate date, Long arrivals, Long women, Long men, Long girls, Long boys,
                      Long unaccompaniedChildren, Long olderPersons, Long reportedKidnapOrTraffickingVictims,
                      boolean partial, int sheltersReported) {
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
        String lastReported = days.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey)
                .reduce((a, b) -> b).orElse(null);
        List<Day> result = new ArrayList<>();
        days.forEach((date, reports) -> {
            LocalDate day = LocalDate.parse(date);
            boolean partial = !day.isBefore(snapshot.today()) || lastReported == null || date.compareTo(lastReported) > 0;
            ShelterOverview.ArrivalTotals t = ShelterOverview.ArrivalTotals.sum(reports);
            result.add(new Day(day, t.arrivals(), t.women(), t.men(), t.girls(), t.boys(), t.unaccompaniedChildren(),
                    t.olderPersons(), t.reportedKidnapOrTraffickingVictims(), partial, reports.size()));
        });
        return result;
    }
}

package org.shelters.reporting.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.shelters.reporting.programme.ProgrammeSummary;
import org.shelters.reporting.shelters.ArrivalsTrend;

/**
 * The donor's view of the JSON reports (disclosure control): a count of people between 1 and the
 * threshold minus one is published as null and named in {@link Disclosure#suppressed()}; per day,
 * a donor gets only how many people were received, never by sex, age or vulnerable group (a day's
 * figures of a state with one shelter would be that shelter's: {@link #TREND_WITHHELD}). Zero
 * reveals no one and is kept. Pure: the controllers call it with what the views computed.
 */
public final class DonorDisclosure {

    /** Per-day breakdowns a donor never gets. */
    public static final List<String> TREND_WITHHELD = List.of("women", "men", "girls", "boys", "unaccompaniedChildren",
            "olderPersons", "reportedKidnapOrTraffickingVictims");

    private final int threshold;

    public DonorDisclosure(int threshold) {
        this.threshold = threshold;
    }

    public int threshold() {
        return threshold;
    }

    /** What a donor is given, and the pointers of what was suppressed in it. */
    public record Disclosed<T>(T data, List<String> suppressed, List<String> withheld) {
    }

    boolean small(Long count) {
        return count != null && count > 0 && count < threshold;
    }

    /**
     * People received per group and in total, small ones suppressed. When only one group is
     * suppressed, the total minus the others would give it away, so the smallest other group with
     * people is suppressed with it.
     */
    public Disclosed<ProgrammeSummary.View> programme(ProgrammeSummary.View view) {
        List<ProgrammeSummary.Row> rows = view.rows();
        List<Integer> hidden = new ArrayList<>(IntStream.range(0, rows.size())
                .filter(i -> small(rows.get(i).peopleReceived())).boxed().toList());
        if (hidden.size() == 1) {
            IntStream.range(0, rows.size()).filter(i -> !hidden.contains(i))
                    .filter(i -> rows.get(i).peopleReceived() != null && rows.get(i).peopleReceived() > 0).boxed()
                    .min(Comparator.comparing(i -> rows.get(i).peopleReceived())).ifPresent(hidden::add);
        }
        List<String> suppressed = new ArrayList<>();
        List<ProgrammeSummary.Row> published = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (hidden.contains(i)) {
                suppressed.add("/rows/" + i + "/peopleReceived");
                published.add(withoutPeople(rows.get(i)));
            } else {
                published.add(rows.get(i));
            }
        }
        ProgrammeSummary.Row totals = view.totals();
        if (small(totals.peopleReceived())) {
            suppressed.add("/totals/peopleReceived");
            totals = withoutPeople(totals);
        }
        return new Disclosed<>(new ProgrammeSummary.View(view.groupBy(), view.peopleReceivedPeriod(), published, totals),
                suppressed, List.of());
    }

    /** Per day: people received (small counts suppressed) and no breakdown at all. */
    public Disclosed<List<ArrivalsTrend.Day>> trend(List<ArrivalsTrend.Day> days) {
        List<String> suppressed = new ArrayList<>();
        List<ArrivalsTrend.Day> published = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            ArrivalsTrend.Day day = days.get(i);
            Long arrivals = day.arrivals();
            if (small(arrivals)) {
                suppressed.add("/" + i + "/arrivals");
                arrivals = null;
            }
            published.add(new ArrivalsTrend.Day(day.date(), arrivals, null, null, null, null, null, null, null,
                    day.partial(), day.sheltersReported()));
        }
        return new Disclosed<>(published, suppressed, TREND_WITHHELD);
    }

    private static ProgrammeSummary.Row withoutPeople(ProgrammeSummary.Row r) {
        return new ProgrammeSummary.Row(r.key(), r.shelters(), r.agreements(), r.budgets(), r.quantities(),
                r.fulfilmentPercent(), r.fulfilmentMethod(), r.commitmentLines(), null, r.trainingSessions(),
                r.trainingParticipants());
    }
}

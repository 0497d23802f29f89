package org.shelters.reporting.shelters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shelters.events.shelters.Corridor;
import org.shelters.reporting.Programme;
import org.shelters.reporting.programme.ProgrammeSummary;
import org.shelters.reporting.projection.Applying;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportSnapshot;

/** Every count of people received says the days it covers, and a day still open says so. */
class PeopleReceivedPeriodsTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-20");

    static ShelterDoc shelter(String id, LocalDate... reported) {
        ShelterDoc doc = ShelterDoc.empty(id);
        ShelterFold.registered(new Applying<>(doc, 1), Programme.shelter(id, "Albergue " + id, "MX-CHP",
                Corridor.SOUTHERN_BORDER, 50));
        for (LocalDate day : reported) {
            ArrivalsDoc arrivals = ArrivalsDoc.empty(ArrivalsDoc.idOf(id, day.toString()));
            ShelterFold.reported(arrivals, Programme.arrivals(id, day, 1, 10, 3, 3, 2, 2, 10));
            doc.arrivals.put(day.toString(), arrivals.figures);
        }
        return doc;
    }

    static ReportSnapshot snapshot(ShelterDoc... shelters) {
        return ReportSnapshot.of(1, TODAY, List.of(shelters), List.of(), List.of());
    }

    @Test
    void todayAndTheDaysNoShelterHasReportedYetArePartialNotACollapse() {
        ReportSnapshot snapshot = snapshot(shelter("s1", TODAY.minusDays(3), TODAY.minusDays(2)),
                shelter("s2", TODAY.minusDays(3)));

        List<ArrivalsTrend.Day> days = ArrivalsTrend.view(snapshot, ReportFilter.NONE, TODAY.minusDays(3), TODAY);

        assertThat(days).extracting(ArrivalsTrend.Day::partial).containsExactly(false, false, true, true);
        assertThat(days).extracting(ArrivalsTrend.Day::sheltersReported).containsExactly(2, 1, 0, 0);
        assertThat(days.get(3).arrivals()).isZero();
    }

    @Test
    void theShelterWindowsSayTheirDaysAndWhetherTodayIsInThem() {
        ShelterDoc shelter = shelter("s1", TODAY.minusDays(1), TODAY);

        ShelterOverview.ArrivalWindows now = ShelterOverview.arrivals(shelter, TODAY, TODAY);
        ShelterOverview.ArrivalWindows lastWeek = ShelterOverview.arrivals(shelter, TODAY.minusDays(7), TODAY);

        assertThat(now.last7Days().from()).isEqualTo(TODAY.minusDays(6));
        assertThat(now.last7Days().to()).isEqualTo(TODAY);
        assertThat(now.last7Days().partial()).isTrue();
        assertThat(now.last7Days().arrivals()).isEqualTo(20);
        assertThat(lastWeek.last30Days().partial()).isFalse();
    }

    @Test
    void theProgrammeSaysThePeriodOfItsPeopleReceived() {
        ReportSnapshot snapshot = snapshot(shelter("s1", TODAY.minusDays(5), TODAY));
        ReportFilter october = new ReportFilter(null, null, null, null, null, LocalDate.parse("2026-10-01"),
                LocalDate.parse("2026-10-31"), ZoneOffset.UTC);

        var unfiltered = ProgrammeSummary.view(snapshot, ReportFilter.NONE, ProgrammeSummary.GroupBy.STATE)
                .peopleReceivedPeriod();
        var ended = ProgrammeSummary.view(snapshot, october, ProgrammeSummary.GroupBy.STATE).peopleReceivedPeriod();

        assertThat(unfiltered.from()).as("the first reported day").isEqualTo(TODAY.minusDays(5));
        assertThat(unfiltered.to()).isEqualTo(TODAY);
        assertThat(unfiltered.partial()).isTrue();
        assertThat(ended.from()).isEqualTo(LocalDate.parse("2026-10-01"));
        assertThat(ended.partial()).isFalse();
    }
}

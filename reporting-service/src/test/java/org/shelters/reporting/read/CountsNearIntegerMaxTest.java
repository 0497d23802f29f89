package org.shelters.reporting.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.reporting.Programme;
import org.shelters.reporting.ReportingProperties;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.agreements.AgreementFold;
import org.shelters.reporting.export.ExportController;
import org.shelters.reporting.export.ShelterBatches;
import org.shelters.reporting.programme.ProgrammeSummary;
import org.shelters.reporting.report.FilterParams;
import org.shelters.reporting.shelters.ArrivalsTrend;
import org.shelters.reporting.shelters.DailyArrivals;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shelters.ShelterOverview;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Every figure an event carries fits an int, but their sums do not have to: arrivals, people,
 * participants add up in longs, so no report shows a negative or wrapped-around count.
 */
class CountsNearIntegerMaxTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-20");
    static final int HUGE = 2_000_000_000;
    static final long TWICE = 4_000_000_000L;

    static ShelterDoc shelter(String id) {
        ShelterDoc shelter = ShelterDoc.empty(id);
        shelter.name = "Casa " + id;
        shelter.state = "MX-CHP";
        shelter.capacity = Integer.MAX_VALUE;
        return shelter;
    }

    static void day(ShelterDoc shelter, LocalDate date) {
        DailyArrivals d = new DailyArrivals();
        d.arrivals = HUGE;
        d.women = HUGE;
        d.men = HUGE;
        d.girls = HUGE;
        d.boys = HUGE;
        d.unaccompaniedChildren = HUGE;
        d.olderPersons = HUGE;
        d.reportedKidnapOrTraffickingVictims = HUGE;
        d.overnightOccupancy = HUGE;
        shelter.arrivals.put(date.toString(), d);
    }

    static AgreementDoc trainedAgreement() {
        AgreementDoc a = AgreementDoc.empty("a1");
        AgreementFold.apply(a, Programme.signed("a1", "s1", "ECHO", "P1", Programme.terms(TODAY.minusDays(30),
                TODAY.plusDays(300), "1000", Programme.line("L1", SupplyCategory.MEDICINES, "10"))), 1);
        AgreementFold.apply(a, Programme.training("a1", "s1", TrainingTopic.MIGRANT_RIGHTS, TODAY, HUGE, HUGE), 2);
        AgreementFold.apply(a, Programme.training("a1", "s1", TrainingTopic.MIGRANT_RIGHTS, TODAY, HUGE, HUGE), 3);
        return a;
    }

    @Test
    void theArrivalWindowsOfAShelterAddUpInLongs() {
        ShelterDoc s1 = shelter("s1");
        day(s1, TODAY.minusDays(1));
        day(s1, TODAY);
        ReportSnapshot snapshot = ReportSnapshot.of(1, TODAY, List.of(s1), List.of(), List.of());
        ShelterOverview.ArrivalTotals week = ShelterOverview.view(s1, snapshot, ReportFilter.NONE).arrivals().last7Days();
        assertThat(week.arrivals()).isEqualTo(TWICE);
        assertThat(week.women()).isEqualTo(TWICE);
        assertThat(week.boys()).isEqualTo(TWICE);
        assertThat(week.reportedKidnapOrTraffickingVictims()).isEqualTo(TWICE);
    }

    @Test
    void theTrainingParticipantsOfAShelterAddUpInLongs() {
        ShelterDoc s1 = shelter("s1");
        ReportSnapshot snapshot = ReportSnapshot.of(1, TODAY, List.of(s1), List.of(trainedAgreement()), List.of());
        ShelterOverview.Trainings trainings = ShelterOverview.view(s1, snapshot, ReportFilter.NONE).trainings();
        assertThat(trainings.participantsWomen()).isEqualTo(TWICE);
        assertThat(trainings.participantsMen()).isEqualTo(TWICE);
        assertThat(trainings.byTopic().get(0).participantsWomen()).isEqualTo(TWICE);
    }

    @Test
    void theArrivalsTrendAddsUpTheSheltersOfADayInLongs() {
        ShelterDoc s1 = shelter("s1");
        ShelterDoc s2 = shelter("s2");
        day(s1, TODAY);
        day(s2, TODAY);
        ReportSnapshot snapshot = ReportSnapshot.of(1, TODAY, List.of(s1, s2), List.of(), List.of());
        ArrivalsTrend.Day today = ArrivalsTrend.view(snapshot, ReportFilter.NONE, TODAY, TODAY).get(0);
        assertThat(today.arrivals()).isEqualTo(TWICE);
        assertThat(today.girls()).isEqualTo(TWICE);
        assertThat(today.olderPersons()).isEqualTo(TWICE);
    }

    @Test
    void theProgrammeSummaryAddsUpPeopleAndParticipantsInLongs() {
        ShelterDoc s1 = shelter("s1");
        day(s1, TODAY.minusDays(1));
        day(s1, TODAY);
        ReportSnapshot snapshot = ReportSnapshot.of(1, TODAY, List.of(s1), List.of(trainedAgreement()), List.of());
        for (ProgrammeSummary.GroupBy groupBy : List.of(ProgrammeSummary.GroupBy.STATE, ProgrammeSummary.GroupBy.DONOR)) {
            ProgrammeSummary.View view = ProgrammeSummary.view(snapshot, ReportFilter.NONE, groupBy);
            for (ProgrammeSummary.Row row : List.of(view.rows().get(0), view.totals())) {
                assertThat(row.peopleReceived()).as(groupBy + " " + row.key()).isEqualTo(TWICE);
                assertThat(row.trainingParticipants()).as("two sessions of 2e9 women and 2e9 men")
                        .isEqualTo(2 * TWICE);
            }
        }
    }

    @Test
    void theExportsAddUpPeopleInLongs() {
        ShelterDoc s1 = shelter("s1");
        day(s1, TODAY.minusDays(1));
        day(s1, TODAY);
        ExportController exports = new ExportController(new ReportReader(null, null, null),
                new ReportingProperties(null, null, null), new ProgrammeCalendar(Clock.systemUTC(), ProgrammeCalendar.DEFAULT_ZONE),
                ShelterBatches.of(ReportSnapshot.of(1, TODAY, List.of(s1), List.of(trainedAgreement()), List.of())));
        FilterParams none = new FilterParams(null, null, null, null, null, null, null);

        String shelters = body(response -> exports.shelters(none, false, response));
        List<String> row = cells(shelters, 2);
        List<String> tags = cells(shelters, 1);
        assertThat(row.get(tags.indexOf("#reached+ind"))).isEqualTo("4000000000");
        assertThat(row.get(tags.indexOf("#reached+f"))).as("women and girls of two days").isEqualTo("8000000000");
        assertThat(row.get(tags.indexOf("#reached+children"))).isEqualTo("8000000000");
        assertThat(row.get(tags.indexOf("#reached+elderly"))).isEqualTo("4000000000");

        String threeW = body(response -> exports.threeW(none, false, response));
        assertThat(cells(threeW, 2).get(cells(threeW, 1).indexOf("#reached+m"))).isEqualTo("8000000000");
    }

    /** An export's file as streamed to a response. */
    private static String body(Consumer<MockHttpServletResponse> export) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        export.accept(response);
        return new String(response.getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    private static List<String> cells(String csv, int line) {
        return List.of(csv.split("\r\n")[line].split(",", -1));
    }
}

package org.shelters.reporting.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shelters.reporting.programme.ProgrammeSummary;
import org.shelters.reporting.read.Budgets;
import org.shelters.reporting.read.DayRange;
import org.shelters.reporting.read.Fulfilment;
import org.shelters.reporting.shelters.ArrivalsTrend;

class DonorDisclosureTest {

    static final DayRange PERIOD = new DayRange(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), false);

    final DonorDisclosure donor = new DonorDisclosure(5);

    static ProgrammeSummary.Row row(String key, Long people) {
        return new ProgrammeSummary.Row(key, 1, 1, List.of(new Budgets.Budget("USD", BigDecimal.ONE, BigDecimal.ONE)),
                List.of(), null, Fulfilment.Method.MEAN_OF_LINES, 0, people, 0, 0L);
    }

    @Test
    void aSmallGroupIsSuppressedWithTheSmallestOtherSoTheTotalGivesNeitherAway() {
        var view = new ProgrammeSummary.View(ProgrammeSummary.GroupBy.STATE, PERIOD,
                List.of(row("MX-CHP", 3L), row("MX-OAX", 9L), row("MX-SON", 40L), row("MX-BCN", 0L)), row("TOTAL", 52L));
        var disclosed = donor.programme(view);
        assertThat(disclosed.data().rows().stream().map(ProgrammeSummary.Row::peopleReceived).toList())
                .containsExactly(null, null, 40L, 0L);
        assertThat(disclosed.data().totals().peopleReceived()).isEqualTo(52L);
        assertThat(disclosed.suppressed()).containsExactly("/rows/0/peopleReceived", "/rows/1/peopleReceived");
    }

    @Test
    void twoSmallGroupsAreEnoughAndASmallTotalIsSuppressedToo() {
        var view = new ProgrammeSummary.View(ProgrammeSummary.GroupBy.STATE, PERIOD,
                List.of(row("MX-CHP", 1L), row("MX-OAX", 2L), row("MX-SON", 40L)), row("TOTAL", 43L));
        assertThat(donor.programme(view).suppressed()).containsExactly("/rows/0/peopleReceived", "/rows/1/peopleReceived");
        var tiny = new ProgrammeSummary.View(ProgrammeSummary.GroupBy.STATE, PERIOD, List.of(row("MX-CHP", 3L)), row("TOTAL", 3L));
        assertThat(donor.programme(tiny).suppressed()).containsExactly("/rows/0/peopleReceived", "/totals/peopleReceived");
    }

    @Test
    void aDayGivesOnlyPeopleReceivedAndASmallOneIsSuppressed() {
        LocalDate day = LocalDate.of(2026, 11, 5);
        var disclosed = donor.trend(List.of(new ArrivalsTrend.Day(day, 4L, 1L, 1L, 1L, 1L, 1L, 0L, 0L, false, 1),
                new ArrivalsTrend.Day(day.plusDays(1), 30L, 10L, 10L, 5L, 5L, 2L, 1L, 1L, true, 2)));
        assertThat(disclosed.data()).containsExactly(
                new ArrivalsTrend.Day(day, null, null, null, null, null, null, null, null, false, 1),
                new ArrivalsTrend.Day(day.plusDays(1), 30L, null, null, null, null, null, null, null, true, 2));
        assertThat(disclosed.suppressed()).containsExactly("/0/arrivals");
        assertThat(disclosed.withheld()).containsExactlyElementsOf(DonorDisclosure.TREND_WITHHELD);
    }
}

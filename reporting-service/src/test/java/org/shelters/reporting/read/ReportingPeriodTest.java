package org.shelters.reporting.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReportingPeriodTest {

    @Test
    void monthsAndQuartersAreCalendarOnes() {
        ReportingPeriod november = ReportingPeriod.parse("2026-11").orElseThrow();
        assertThat(november.from()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(november.to()).isEqualTo(LocalDate.of(2026, 11, 30));
        ReportingPeriod q4 = ReportingPeriod.parse(" 2026-q4 ").orElseThrow();
        assertThat(q4.name()).isEqualTo("2026-Q4");
        assertThat(q4.from()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(q4.to()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(ReportingPeriod.parse("2024-02").orElseThrow().to()).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void anythingElseIsNoPeriod() {
        for (String text : new String[] {"2026-13", "2026-Q5", "2026-11-01", "26-11", "2026-W48", "last month", ""}) {
            assertThat(ReportingPeriod.parse(text)).as(text).isEmpty();
        }
    }

    @Test
    void aPeriodHasEndedOnlyWhenItsLastDayIsBeforeToday() {
        LocalDate today = LocalDate.of(2026, 12, 1);
        assertThat(ReportingPeriod.lastCompletedMonth(today).name()).isEqualTo("2026-11");
        assertThat(ReportingPeriod.parse("2026-11").orElseThrow().endedBefore(today)).isTrue();
        assertThat(ReportingPeriod.parse("2026-12").orElseThrow().endedBefore(today)).isFalse();
        assertThat(ReportingPeriod.parse("2026-Q4").orElseThrow().endedBefore(today)).isFalse();
        assertThat(ReportingPeriod.parse("2026-Q3").orElseThrow().endedBefore(today)).isTrue();
    }
}

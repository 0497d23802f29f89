package org.shelters.reporting.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Which months' days a view reads: whole months come from the totals, only cut months from their days. */
class DaysReadTest {

    @Test
    void aRangeReadsEveryMonthItTouches() {
        assertThat(ReportReader.Days.between(LocalDate.parse("2026-10-25"), LocalDate.parse("2026-12-02")).months())
                .containsExactly("2026-10", "2026-11", "2026-12");
    }

    @Test
    void totalsReadOnlyTheMonthsTheRangeCutsThrough() {
        assertThat(ReportReader.Days.edgesOf(LocalDate.parse("2026-10-25"), LocalDate.parse("2026-12-02")).months())
                .containsExactly("2026-10", "2026-12");
        assertThat(ReportReader.Days.edgesOf(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-12-31")).months())
                .as("a quarter: whole months only").isEmpty();
        assertThat(ReportReader.Days.edgesOf(null, LocalDate.parse("2026-12-02")).months()).containsExactly("2026-12");
        assertThat(ReportReader.Days.edgesOf(null, null).months()).isEmpty();
        assertThat(ReportReader.Days.NONE.months()).isEmpty();
    }
}

package org.shelters.reporting.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SmallCellsTest {

    @Test
    void countsBetweenOneAndTheThresholdAreSuppressedZeroAndLargerCountsAreKept() {
        SmallCells cells = new SmallCells(5);
        assertThat(cells.suppress(0)).isZero();
        assertThat(cells.suppress(1)).isNull();
        assertThat(cells.suppress(4)).isNull();
        assertThat(cells.suppress(5)).isEqualTo(5L);
    }

    @Test
    void csvCellsUseIsoDatesPlainNumbersAndQuoteSeparators() {
        String row = new Csv().row(Arrays.asList(LocalDate.of(2026, 3, 1), new BigDecimal("1250000.00"),
                new BigDecimal("1E+3"), "Casa, \"Refugio\"", null)).toString();
        assertThat(row).isEqualTo("2026-03-01,1250000,1000,\"Casa, \"\"Refugio\"\"\",\r\n");
    }
}

package org.shelters.reporting.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CSV injection: text a spreadsheet would take for a formula is escaped; numbers stay numbers. */
class CsvTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "=HYPERLINK(\"http://evil.example\",\"click\") | `\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"`",
            "=1+2                                       | \"'=1+2\"",
            "+52 55 1234                                | \"'+52 55 1234\"",
            "-5                                         | \"'-5\"",
            "@SUM(A1:A9)                                | \"'@SUM(A1:A9)\""})
    void textThatStartsAFormulaGetsAQuoteAndIsQuoted(String text, String cell) {
        assertThat(Csv.cell(text)).isEqualTo(cell);
    }

    @Test
    void aTabOrCarriageReturnAtTheStartIsEscapedToo() {
        assertThat(Csv.cell("\t=1+2")).isEqualTo("\"'\t=1+2\"");
        assertThat(Csv.cell("\r=1+2")).isEqualTo("\"'\r=1+2\"");
    }

    @Test
    void numbersDatesAndPlainTextAreWrittenAsThey() {
        assertThat(Csv.cell(new BigDecimal("-5.50"))).as("a negative amount we write is a number").isEqualTo("-5.5");
        assertThat(Csv.cell(-3L)).isEqualTo("-3");
        assertThat(Csv.cell(-7)).isEqualTo("-7");
        assertThat(Csv.cell(LocalDate.of(2026, 11, 30))).isEqualTo("2026-11-30");
        assertThat(Csv.cell("Casa del Migrante")).isEqualTo("Casa del Migrante");
        assertThat(Csv.cell("a-b=c")).as("only the first character matters").isEqualTo("a-b=c");
        assertThat(Csv.cell("<5")).as("text starting with <").isEqualTo("<5");
        assertThat(Csv.cell("")).isEmpty();
    }

    @Test
    void aRowEscapesEachTextCellAndKeepsItsNumbers() {
        String row = new Csv().row(Arrays.asList("=2+5", new BigDecimal("-12.00"), "Casa, \"Refugio\"", -1L, null)).toString();
        assertThat(row).isEqualTo("\"'=2+5\",-12,\"Casa, \"\"Refugio\"\"\",-1,\r\n");
    }
}

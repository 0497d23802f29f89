package org.shelters.reporting.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shelters.reporting.agreements.AgreementDoc;

/**
 * The aggregation rules of every fulfilment figure above a commitment line (README, "Fulfilment"):
 * quantities are never added across units, budgets never across currencies.
 */
class FulfilmentTest {

    static LineProgress line(String unit, String committed, String accepted) {
        return priced(unit, committed, accepted, null, "USD");
    }

    static LineProgress priced(String unit, String committed, String accepted, String unitCost, String currency) {
        return new LineProgress(unit, unitCost == null ? null : new BigDecimal(unitCost), currency,
                new BigDecimal(committed), null, null, null, new BigDecimal(accepted), null);
    }

    @Test
    void linesInDifferentUnitsCountAsLinesNotAsTheirQuantities() {
        // 9,800 of 10,000 tablets, none of 300 kits, the one monitor: 98 %, 0 %, 100 %
        List<LineProgress> lines = List.of(line("tablet", "10000", "9800"), line("kit", "300", "0"),
                line("unit", "1", "1"));

        Fulfilment f = Fulfilment.of(lines);

        assertThat(f.method()).isEqualTo(Fulfilment.Method.MEAN_OF_LINES);
        assertThat(f.percent()).as("(98 + 0 + 100) / 3, not 9,801 / 10,301").isEqualByComparingTo("66.0");
        assertThat(f.lines()).isEqualTo(3);
    }

    @Test
    void quantitiesAddUpWithinAUnitOnlyAndEachUnitHasItsOwnFulfilment() {
        List<UnitQuantities> units = UnitQuantities.of(List.of(line("tablet", "10000", "9800"), line("kit", "300", "0"),
                line("tablet", "2000", "2000")));

        assertThat(units).extracting(UnitQuantities::unit).containsExactly("kit", "tablet");
        UnitQuantities tablets = units.get(1);
        assertThat(tablets.committed()).isEqualByComparingTo("12000");
        assertThat(tablets.accepted()).isEqualByComparingTo("11800");
        assertThat(tablets.fulfilmentPercent()).as("mean of 98 and 100").isEqualByComparingTo("99.0");
        assertThat(units.get(0).fulfilmentPercent()).isEqualByComparingTo("0.0");
    }

    @Test
    void aLineOverItsCommitmentCountsAsOneHundredAndHidesNoOtherLinesShortfall() {
        LineProgress over = line("kit", "100", "150");

        assertThat(over.percent()).as("the line itself says it was over-delivered").isEqualByComparingTo("150.0");
        assertThat(Fulfilment.of(List.of(over, line("bag", "100", "0"))).percent())
                .as("capped: (100 + 0) / 2, not (150 + 0) / 2").isEqualByComparingTo("50.0");
    }

    @Test
    void aLineWithNothingCommittedTakesNoPartAndNoLinesHaveNoFulfilment() {
        LineProgress unknown = new LineProgress(null, null, null, null, null, null, null, new BigDecimal("5"), null);

        Fulfilment f = Fulfilment.of(List.of(unknown, line("kit", "10", "5")));
        assertThat(f.percent()).isEqualByComparingTo("50.0");
        assertThat(f.lines()).isEqualTo(1);
        assertThat(unknown.percent()).isNull();
        assertThat(Fulfilment.of(List.of(unknown)).percent()).isNull();
        assertThat(Fulfilment.of(List.of()).percent()).isNull();
    }

    @Test
    void whenEveryLineHasAUnitCostInOneCurrencyFulfilmentIsWeightedByValue() {
        // 5,000 of 10,000 tablets at 0.02 (100 of 200 USD), all 10 monitors at 25 (250 of 250 USD)
        List<LineProgress> lines = List.of(priced("tablet", "10000", "5000", "0.02", "USD"),
                priced("unit", "10", "10", "25", "USD"));

        Fulfilment f = Fulfilment.of(lines);

        assertThat(f.method()).isEqualTo(Fulfilment.Method.VALUE_WEIGHTED);
        assertThat(f.percent()).as("350 / 450 USD, where the mean of lines says 75").isEqualByComparingTo("77.8");
    }

    @Test
    void valueWeightingCapsEachLineAtItsCommittedValue() {
        List<LineProgress> lines = List.of(priced("tablet", "100", "300", "1", "USD"), priced("kit", "100", "0", "1", "USD"));

        assertThat(Fulfilment.of(lines).percent()).isEqualByComparingTo("50.0");
    }

    @Test
    void oneLineWithoutAUnitCostMakesItTheMeanOfLines() {
        List<LineProgress> lines = List.of(priced("tablet", "10000", "5000", "0.02", "USD"), line("unit", "10", "10"));

        Fulfilment f = Fulfilment.of(lines);

        assertThat(f.method()).isEqualTo(Fulfilment.Method.MEAN_OF_LINES);
        assertThat(f.percent()).isEqualByComparingTo("75.0");
    }

    @Test
    void unitCostsInTwoCurrenciesAreNotAddedSoItIsTheMeanOfLines() {
        List<LineProgress> lines = List.of(priced("tablet", "10000", "5000", "0.02", "USD"),
                priced("unit", "10", "10", "400", "MXN"));

        assertThat(Fulfilment.of(lines).method()).isEqualTo(Fulfilment.Method.MEAN_OF_LINES);
        assertThat(Fulfilment.of(lines).percent()).isEqualByComparingTo("75.0");
    }

    @Test
    void linesThatCostNothingHaveNoValueToWeightBy() {
        List<LineProgress> lines = List.of(priced("kit", "10", "5", "0", "USD"), priced("bag", "10", "10", "0", "USD"));

        assertThat(Fulfilment.of(lines).method()).isEqualTo(Fulfilment.Method.MEAN_OF_LINES);
        assertThat(Fulfilment.of(lines).percent()).isEqualByComparingTo("75.0");
    }

    @Test
    void budgetsInTwoCurrenciesStayTwoFigures() {
        List<Budgets.Budget> budgets = Budgets.of(List.of(agreement("a1", "12000", "10000", "USD"),
                agreement("a2", "250000", "250000", "MXN"), agreement("a3", "3000", null, "USD")));

        assertThat(budgets).containsExactly(
                new Budgets.Budget("MXN", new BigDecimal("250000"), new BigDecimal("250000")),
                new Budgets.Budget("USD", new BigDecimal("15000"), new BigDecimal("13000")));
    }

    static AgreementDoc agreement(String id, String budget, String original, String currency) {
        AgreementDoc doc = AgreementDoc.empty(id);
        doc.budget = new BigDecimal(budget);
        doc.originalBudget = original == null ? null : new BigDecimal(original);
        doc.currency = currency;
        return doc;
    }
}

package org.shelters.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shelters.reporting.Programme.arrivals;
import static org.shelters.reporting.Programme.delivered;
import static org.shelters.reporting.Programme.deliveredLine;
import static org.shelters.reporting.Programme.dispatched;
import static org.shelters.reporting.Programme.id;
import static org.shelters.reporting.Programme.shelter;
import static org.shelters.reporting.Programme.shipmentLine;
import static org.shelters.reporting.Programme.signed;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shelters.events.agreements.AgreementTerms;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.Money;
import org.shelters.events.agreements.Period;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.shelters.Corridor;
import tools.jackson.databind.JsonNode;

/**
 * On the real stack: an agreement in USD whose lines carry unit costs, one in MXN whose line does
 * not. Budgets stay per currency, quantities per unit, and each fulfilment figure is the documented
 * aggregation of its lines, saying which.
 */
class HonestFiguresIT extends ReportingIT {

    @Test
    void twoCurrenciesAreKeptApartAndFulfilmentAggregatesTheLinesAsDocumented() {
        String donor = id("donor");
        String shelterA = id("shelter");
        String shelterB = id("shelter");
        String agreementA = id("agreement");
        String agreementB = id("agreement");
        LocalDate today = today();
        Instant dispatchedAt = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        programme.send(shelter(shelterA, "Albergue Tapachula", "MX-CHP", Corridor.SOUTHERN_BORDER, 80));
        programme.send(shelter(shelterB, "Albergue Hermosillo", "MX-SON", Corridor.NORTHERN_BORDER, 40));
        // A: 10,000 tablets at 0.02 USD (200 USD) and 300 kits at 25 USD (7,500 USD)
        programme.send(signed(agreementA, shelterA, donor, "PHASE-1", terms(today, "10000", "USD",
                new CommitmentLine("L1", SupplyCategory.MEDICINES, "PARACETAMOL-500", null, new BigDecimal("10000"),
                        "tablet", new BigDecimal("0.02")),
                new CommitmentLine("L2", SupplyCategory.HYGIENE_PRODUCTS, "HYGIENE-KIT", null, new BigDecimal("300"),
                        "kit", new BigDecimal("25")))));
        // B: one blood-pressure monitor, no unit cost, a budget in pesos
        programme.send(signed(agreementB, shelterB, donor, "PHASE-1", terms(today, "250000", "MXN",
                new CommitmentLine("L1", SupplyCategory.MEDICAL_EQUIPMENT, "BP-MONITOR", null, BigDecimal.ONE, "unit"))));
        String shipmentA = id("shipment");
        programme.send(dispatched(shipmentA, agreementA, shelterA, dispatchedAt,
                shipmentLine("S1", "L1", SupplyCategory.MEDICINES, "10000")));
        programme.send(delivered(shipmentA, agreementA, shelterA, dispatchedAt, dispatchedAt.plus(20, ChronoUnit.HOURS),
                deliveredLine("S1", "L1", SupplyCategory.MEDICINES, "10000", "9800", "200", RejectionReason.DAMAGED)));
        String shipmentB = id("shipment");
        programme.send(dispatched(shipmentB, agreementB, shelterB, dispatchedAt,
                shipmentLine("S1", "L1", SupplyCategory.MEDICAL_EQUIPMENT, "1")));
        programme.send(delivered(shipmentB, agreementB, shelterB, dispatchedAt, dispatchedAt.plus(30, ChronoUnit.HOURS),
                deliveredLine("S1", "L1", SupplyCategory.MEDICAL_EQUIPMENT, "1", "1", "0", null)));
        programme.send(arrivals(shelterA, today.minusDays(1), 1, 30, 10, 15, 2, 3, 45));
        programme.send(arrivals(shelterB, today.minusDays(1), 1, 12, 4, 6, 1, 1, 20));
        programme.flush();

        String path = "/api/reports/programme?groupBy=state&donor=" + donor;
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode t = get(path).get("data").get("totals");
            return t.get("agreements").asInt() == 2 && t.get("peopleReceived").asLong() == 42
                    && t.get("quantities").valueStream().mapToInt(q -> q.get("accepted").decimalValue().intValue()).sum() == 9801;
        });
        JsonNode view = get(path).get("data");
        JsonNode totals = view.get("totals");

        assertThat(totals.get("budgets")).as("one figure per currency").hasSize(2);
        assertThat(budget(totals, 0)).isEqualTo("MXN 250000");
        assertThat(budget(totals, 1)).isEqualTo("USD 10000");
        assertThat(totals.toString()).doesNotContain("MIXED");
        assertThat(totals.get("quantities").valueStream().map(q -> q.get("unit").asString()).toList())
                .as("one entry per unit, no total over units").containsExactly("kit", "tablet", "unit");
        assertThat(totals.get("fulfilmentMethod").asString())
                .as("the MXN line has no unit cost, and USD values are not added to MXN ones").isEqualTo("MEAN_OF_LINES");
        assertThat(totals.get("fulfilmentPercent").decimalValue()).as("(98 + 0 + 100) / 3 lines")
                .isEqualByComparingTo("66.0");
        assertThat(totals.get("commitmentLines").asInt()).isEqualTo(3);

        JsonNode chiapas = row(view, "MX-CHP");
        assertThat(chiapas.get("fulfilmentMethod").asString()).isEqualTo("VALUE_WEIGHTED");
        assertThat(chiapas.get("fulfilmentPercent").decimalValue()).as("196 of 7,700 USD").isEqualByComparingTo("2.5");
        assertThat(chiapas.get("budgets")).hasSize(1);
        assertThat(budget(chiapas, 0)).isEqualTo("USD 10000");
        JsonNode sonora = row(view, "MX-SON");
        assertThat(budget(sonora, 0)).isEqualTo("MXN 250000");
        assertThat(sonora.get("fulfilmentPercent").decimalValue()).isEqualByComparingTo("100.0");

        assertThat(view.get("peopleReceivedPeriod").get("from").asString()).isEqualTo(today.minusDays(1).toString());
        assertThat(view.get("peopleReceivedPeriod").get("to").asString()).isEqualTo(today.toString());
        assertThat(view.get("peopleReceivedPeriod").get("partial").asBoolean()).isTrue();

        JsonNode agreement = get("/api/reports/agreements/" + agreementA + "/fulfilment").get("data");
        assertThat(agreement.get("fulfilmentMethod").asString()).isEqualTo("VALUE_WEIGHTED");
        assertThat(agreement.get("fulfilmentPercent").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(agreement.get("lines").get(0).get("unitCost").decimalValue()).isEqualByComparingTo("0.02");
        assertThat(agreement.get("lines").get(0).get("fulfilmentPercent").decimalValue()).isEqualByComparingTo("98.0");

        JsonNode trend = get("/api/reports/arrivals-trend?donor=" + donor).get("data");
        JsonNode last = trend.get(trend.size() - 1);
        assertThat(last.get("date").asString()).isEqualTo(today.toString());
        assertThat(last.get("partial").asBoolean()).as("today is drawn as partial, not as a collapse").isTrue();
        JsonNode yesterday = trend.get(trend.size() - 2);
        assertThat(yesterday.get("partial").asBoolean()).isFalse();
        assertThat(yesterday.get("sheltersReported").asInt()).isEqualTo(2);
        assertThat(yesterday.get("arrivals").asLong()).isEqualTo(42);

        List<String> csv = List.of(request("GET", "/api/reports/exports/3w.csv?donor=" + donor).body().split("\r\n"));
        List<String> hxl = List.of(csv.get(1).split(",", -1));
        assertThat(csv.subList(2, csv.size())).extracting(line -> List.of(line.split(",", -1)).get(hxl.indexOf("#currency")))
                .containsExactlyInAnyOrder("USD", "MXN");
    }

    private static AgreementTerms terms(LocalDate today, String budget, String currency, CommitmentLine... lines) {
        return new AgreementTerms(new Period(today.minusDays(30), today.plusDays(200)),
                new Money(new BigDecimal(budget), currency), List.of(lines), List.of(), List.of());
    }

    private static String budget(JsonNode row, int index) {
        JsonNode b = row.get("budgets").get(index);
        return b.get("currency").asString() + " " + b.get("amount").decimalValue().stripTrailingZeros().toPlainString();
    }

    private static JsonNode row(JsonNode view, String key) {
        return view.get("rows").valueStream().filter(r -> r.get("key").asString().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + key + " in " + view));
    }
}

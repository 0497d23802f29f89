package org.shelters.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shelters.reporting.Programme.*;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventEnvelope;
import org.shelters.events.Events;
import org.shelters.events.EventMetadata;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.logistics.SuppliesDispatched;
import org.shelters.events.shelters.Corridor;
import tools.jackson.databind.JsonNode;

class ProjectionsIT extends ReportingIT {

    /** One shelter's programme, sent in a hostile order: logistics first, then agreements, then the shelter. */
    record Fed(String shelterId, String agreementId, String shipmentId, String donor) {
    }

    Fed feedOneShelter() {
        String shelterId = id("shelter");
        String agreementId = id("agreement");
        String shipmentId = id("shipment");
        String donor = id("donor");
        LocalDate today = today();
        Instant dispatchedAt = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant receivedAt = dispatchedAt.plus(48, ChronoUnit.HOURS);

        programme.send(planned(shipmentId, agreementId, shelterId, today.minusDays(5),
                shipmentLine("S1", "L1", SupplyCategory.MEDICINES, "60")));
        EventEnvelope<SuppliesDispatched> dispatched = programme.send(dispatched(shipmentId, agreementId, shelterId, dispatchedAt,
                shipmentLine("S1", "L1", SupplyCategory.MEDICINES, "60")));
        var delivered = programme.send(delivered(shipmentId, agreementId, shelterId, dispatchedAt, receivedAt,
                deliveredLine("S1", "L1", SupplyCategory.MEDICINES, "60", "50", "10", RejectionReason.DAMAGED)));
        programme.send(delivered); // redelivered: same event id
        // replayed with a new id but an old sequence (e.g. a producer retry after a crash): must not win
        programme.send(Events.envelope("/test", dispatched.data(), dispatched.sequence(), EventMetadata.none(),
                Instant.now(), Instant.now()));

        programme.send(signed(agreementId, shelterId, donor, "PHASE-2", terms(today.minusDays(60), today.plusDays(20), "10000",
                line("L1", SupplyCategory.MEDICINES, "100"), line("L2", SupplyCategory.HYGIENE_PRODUCTS, "40"))));
        programme.send(amended(agreementId, shelterId, 1, terms(today.minusDays(60), today.plusDays(20), "12000",
                line("L1", SupplyCategory.MEDICINES, "150"), line("L2", SupplyCategory.HYGIENE_PRODUCTS, "40"))));
        programme.send(training(agreementId, shelterId, TrainingTopic.HUMAN_TRAFFICKING, today.minusDays(2), 12, 8));

        programme.send(shelter(shelterId, "Albergue " + shelterId, "MX-CHP", Corridor.SOUTHERN_BORDER, 50));
        programme.send(arrivals(shelterId, today.minusDays(1), 1, 30, 10, 15, 2, 3, 45));
        programme.send(arrivals(shelterId, today, 1, 100, 30, 50, 5, 15, 90));
        programme.send(arrivals(shelterId, today, 2, 80, 20, 40, 3, 17, 70)); // correction: replaces, never adds
        programme.flush();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode s = get("/api/reports/shelters/" + shelterId).get("data");
            assertThat(s.get("name").asString()).isEqualTo("Albergue " + shelterId);
            assertThat(s.get("arrivals").get("today").get("arrivals").asInt()).isEqualTo(80);
            assertThat(s.get("trainings").get("sessions").asInt()).isEqualTo(1);
            assertThat(s.get("currentAgreement").get("budget").decimalValue()).isEqualByComparingTo("12000");
        });
        return new Fed(shelterId, agreementId, shipmentId, donor);
    }

    @Test
    void shelterOverviewIsRightWhateverTheOrderOfAggregatesAndDespiteRedeliveries() {
        Fed fed = feedOneShelter();
        JsonNode response = get("/api/reports/shelters/" + fed.shelterId());
        assertThat(response.get("asOf").isNull()).isFalse();
        JsonNode s = response.get("data");
        assertThat(s.get("state").asString()).isEqualTo("MX-CHP");
        assertThat(s.get("corridor").asString()).isEqualTo("SOUTHERN_BORDER");
        JsonNode medicines = units(category(s, "MEDICINES"));
        assertThat(medicines.get("committed").decimalValue()).isEqualByComparingTo("150");
        assertThat(medicines.get("dispatched").decimalValue()).isEqualByComparingTo("60");
        assertThat(medicines.get("inTransit").decimalValue()).isEqualByComparingTo("0");
        assertThat(medicines.get("accepted").decimalValue()).isEqualByComparingTo("50");
        assertThat(medicines.get("rejected").decimalValue()).isEqualByComparingTo("10");
        assertThat(category(s, "MEDICINES").get("fulfilmentPercent").decimalValue()).isEqualByComparingTo("33.3");
        assertThat(category(s, "MEDICINES").get("fulfilmentMethod").asString()).isEqualTo("MEAN_OF_LINES");
        assertThat(units(category(s, "HYGIENE_PRODUCTS")).get("accepted").decimalValue()).isEqualByComparingTo("0");
        assertThat(s.get("fulfilmentPercent").decimalValue()).as("the shelter's two lines: (33.3 + 0) / 2")
                .isEqualByComparingTo("16.7");
        assertThat(s.get("budgets").get(0).get("currency").asString()).isEqualTo("USD");
        assertThat(s.get("budgets").get(0).get("amount").decimalValue()).isEqualByComparingTo("12000");
        assertThat(s.get("arrivals").get("last7Days").get("from").asString()).isEqualTo(today().minusDays(6).toString());
        assertThat(s.get("arrivals").get("last7Days").get("to").asString()).isEqualTo(today().toString());
        assertThat(s.get("arrivals").get("today").get("partial").asBoolean()).as("today is not over").isTrue();
        assertThat(s.get("arrivals").get("last7Days").get("arrivals").asInt()).isEqualTo(110);
        assertThat(s.get("arrivals").get("last7Days").get("girls").asInt()).isEqualTo(5);
        assertThat(s.get("occupancy").get("overnightOccupancy").asInt()).isEqualTo(70);
        assertThat(s.get("occupancy").get("percent").decimalValue()).isEqualByComparingTo("140.0");
        assertThat(s.get("trainings").get("participantsWomen").asInt()).isEqualTo(12);
        assertThat(s.get("lastDeliveryDate").isNull()).isFalse();
    }

    @Test
    void agreementFulfilmentFollowsTheAmendedCommitments() {
        Fed fed = feedOneShelter();
        JsonNode a = get("/api/reports/agreements/" + fed.agreementId() + "/fulfilment").get("data");
        assertThat(a.get("amendments").asInt()).isEqualTo(1);
        assertThat(a.get("originalBudget").decimalValue()).isEqualByComparingTo("10000");
        JsonNode l1 = a.get("lines").get(0);
        assertThat(l1.get("lineId").asString()).isEqualTo("L1");
        assertThat(l1.get("committed").decimalValue()).isEqualByComparingTo("150");
        assertThat(l1.get("accepted").decimalValue()).isEqualByComparingTo("50");
        assertThat(l1.get("rejected").decimalValue()).isEqualByComparingTo("10");
        assertThat(l1.get("outstanding").decimalValue()).isEqualByComparingTo("100");
        assertThat(a.get("lines").get(1).get("outstanding").decimalValue()).isEqualByComparingTo("40");
    }

    @Test
    void aPlannedShipmentIsThePipelineInEveryAnswerNotInTransitAndNoLongerOutstanding() {
        Fed fed = feedOneShelter();
        String shipmentId = id("shipment");
        programme.send(planned(shipmentId, fed.agreementId(), fed.shelterId(), today().plusDays(2),
                shipmentLine("S1", "L2", SupplyCategory.HYGIENE_PRODUCTS, "15")));
        programme.flush();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                get("/api/reports/agreements/" + fed.agreementId() + "/fulfilment").get("data").get("lines").get(1)
                        .get("planned").decimalValue()).isEqualByComparingTo("15"));

        JsonNode l2 = get("/api/reports/agreements/" + fed.agreementId() + "/fulfilment").get("data").get("lines").get(1);
        assertThat(l2.get("committed").decimalValue()).isEqualByComparingTo("40");
        assertThat(l2.get("inTransit").decimalValue()).isEqualByComparingTo("0");
        assertThat(l2.get("outstanding").decimalValue()).as("40 - 0 accepted - 15 planned - 0 in transit")
                .isEqualByComparingTo("25");

        JsonNode hygiene = units(category(get("/api/reports/shelters/" + fed.shelterId()).get("data"), "HYGIENE_PRODUCTS"));
        assertThat(hygiene.get("planned").decimalValue()).isEqualByComparingTo("15");
        assertThat(hygiene.get("dispatched").decimalValue()).isEqualByComparingTo("0");
        assertThat(hygiene.get("inTransit").decimalValue()).isEqualByComparingTo("0");

        JsonNode totals = units(get("/api/reports/programme?groupBy=donor&donor=" + fed.donor()).get("data")
                .get("totals"));
        assertThat(totals.get("planned").decimalValue()).isEqualByComparingTo("15");
        assertThat(totals.get("inTransit").decimalValue()).isEqualByComparingTo("0");
        assertThat(totals.get("dispatched").decimalValue()).isEqualByComparingTo("60");
    }

    @Test
    void programmeSummaryDeliveryPerformanceAndAlertsAnswerForOneDonor() {
        Fed fed = feedOneShelter();
        JsonNode programmeView = get("/api/reports/programme?groupBy=donor&donor=" + fed.donor()).get("data");
        JsonNode row = programmeView.get("rows").get(0);
        assertThat(row.get("key").asString()).isEqualTo(fed.donor());
        assertThat(row.get("shelters").asInt()).isEqualTo(1);
        assertThat(row.get("budgets").get(0).get("amount").decimalValue()).isEqualByComparingTo("12000");
        assertThat(row.get("budgets").get(0).get("originalAmount").decimalValue()).isEqualByComparingTo("10000");
        assertThat(units(row).get("accepted").decimalValue()).isEqualByComparingTo("50");
        assertThat(row.get("peopleReceived").asInt()).isEqualTo(110);
        assertThat(programmeView.get("peopleReceivedPeriod").get("from").asString()).isEqualTo(today().minusDays(1).toString());
        assertThat(programmeView.get("peopleReceivedPeriod").get("to").asString()).isEqualTo(today().toString());
        assertThat(programmeView.get("peopleReceivedPeriod").get("partial").asBoolean()).isTrue();
        assertThat(row.get("trainingSessions").asInt()).isEqualTo(1);

        JsonNode byCategory = get("/api/reports/programme?groupBy=category&donor=" + fed.donor()).get("data");
        assertThat(byCategory.get("rows")).hasSize(2);

        JsonNode delivery = get("/api/reports/delivery-performance?donor=" + fed.donor()).get("data");
        assertThat(delivery.get("overall").get("deliveries").asInt()).isEqualTo(1);
        assertThat(delivery.get("overall").get("medianHours").decimalValue()).isEqualByComparingTo("48.0");
        assertThat(delivery.get("byStateAndCarrier").get(0).get("carrier").asString()).isEqualTo("Estafeta");
        assertThat(delivery.get("rejectionsByReason").get(0).get("reason").asString()).isEqualTo("DAMAGED");
        assertThat(delivery.get("rejectionRatePercent").decimalValue()).isEqualByComparingTo("16.7");

        JsonNode alerts = get("/api/reports/alerts?donor=" + fed.donor());
        assertThat(alerts.propertyNames()).as("a page: the platform's page fields next to asOf and generation")
                .containsExactlyInAnyOrder("asOf", "generation", "items", "page", "size", "total");
        List<String> types = alerts.get("items").valueStream().map(n -> n.get("type").asString()).toList();
        assertThat(types).contains("OVER_CAPACITY", "AGREEMENT_EXPIRING", "HIGH_REJECTION_RATE");
    }

    @Test
    void openDomainAlertsAreGaugesForOperationsAndTheScrapePassesPromtool() throws Exception {
        feedOneShelter();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            org.shelters.testsupport.PrometheusScrape scrape =
                    org.shelters.testsupport.PrometheusScrape.parse(request("GET", "/actuator/prometheus").body());
            assertThat(scrape.value("alerts_open", java.util.Map.of("kind", "OVER_CAPACITY"))).isGreaterThanOrEqualTo(1.0);
            String metrics = scrape.text();
            assertThat(metrics).contains("alerts_open{", "kind=\"SHIPMENT_OVERDUE\"", "shelter_arrivals_surge_open{");
        });
        org.shelters.testsupport.PrometheusScrape.parse(request("GET", "/actuator/prometheus").body()).assertPassesPromtool();
    }

    @Test
    void threeWExportCarriesTheHxlRowIsoDatesPlainNumbersAndSuppressesSmallCells() {
        Fed fed = feedOneShelter();
        HttpResponse<String> response = request("GET", "/api/reports/exports/3w.csv?donor=" + fed.donor());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String[] lines = response.body().split("\r\n");
        assertThat(lines).hasSize(3);
        List<String> hxl = List.of(lines[1].split(",", -1));
        List<String> row = List.of(lines[2].split(",", -1));
        assertThat(hxl).startsWith("#date+reported");
        assertThat(row.get(hxl.indexOf("#date+reported"))).isEqualTo(today().toString());
        assertThat(row.get(hxl.indexOf("#date+start"))).isEqualTo(today().minusDays(60).toString());
        assertThat(row.get(hxl.indexOf("#adm1+name"))).isEqualTo("Chiapas");
        assertThat(row.get(hxl.indexOf("#reached+ind"))).isEqualTo("110");
        assertThat(row.get(hxl.indexOf("#reached+f"))).isEqualTo("35");
        assertThat(row.get(hxl.indexOf("#reached+children"))).isEqualTo("25");
        assertThat(row.get(hxl.indexOf("#x_unaccompanied+children"))).as("2 is below the threshold").isEmpty();
        assertThat(row.get(hxl.indexOf("#reached+elderly"))).as("4 is below the threshold").isEmpty();
        assertThat(row.get(hxl.indexOf("#value+budget"))).isEqualTo("12000");
    }

    @Test
    void badFiltersAreRefusedAsProblemJsonNamingEachField() {
        HttpResponse<String> response = request("GET", "/api/reports/programme?groupBy=planet");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains("groupBy");

        HttpResponse<String> filters = request("GET", "/api/reports/shelters?state=Chiapas&corridor=EAST&from=2026-13-01");
        assertThat(filters.statusCode()).isEqualTo(400);
        assertThat(filters.body()).contains("\"state\"").contains("\"corridor\"").contains("\"from\"");

        assertThat(request("GET", "/api/reports/shelters/nobody").statusCode()).isEqualTo(404);
        assertThat(request("GET", "/api/reports/alerts?size=0").statusCode()).isEqualTo(400);
    }

    @Test
    void openApiDocumentsTheReportsAndTheRootOpensTheDashboard() {
        assertThat(request("GET", "/v3/api-docs").body()).contains("/api/reports/programme", "/api/reports/rebuild");
        HttpResponse<String> root = request("GET", "/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location").orElse("")).endsWith("/dashboard/");
    }

    /** The quantities in the one unit the test's lines use: quantities are per unit, never added across units. */
    static JsonNode units(JsonNode figures) {
        assertThat(figures.get("quantities")).as("one unit in " + figures).hasSize(1);
        return figures.get("quantities").get(0);
    }

    static JsonNode category(JsonNode shelter, String category) {
        return shelter.get("fulfilment").valueStream().filter(n -> n.get("category").asString().equals(category))
                .findFirst().orElseThrow(() -> new AssertionError("no " + category + " in " + shelter));
    }
}

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
import org.shelters.events.EventJson;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterRetired;
import tools.jackson.databind.JsonNode;

/**
 * Two shelters of one donor, each with arrivals, an agreement and a delivery; one of them was
 * registered by mistake and is retired: from then on no report, export or alert counts it, and a
 * rebuild from offset 0 answers the same.
 */
class RetiredShelterIT extends ReportingIT {

    record Fed(String shelterId, String agreementId) {
    }

    final String donor = id("donor");

    /** Overnight occupancy today is 30: over capacity (an alert) when {@code capacity} is below it. */
    Fed feed(String name, String state, int capacity, String budget, String committed, String accepted, int arrivalsToday) {
        String shelterId = id("shelter");
        String agreementId = id("agreement");
        String shipmentId = id("shipment");
        LocalDate today = today();
        Instant dispatchedAt = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        programme.send(shelter(shelterId, name, state, Corridor.SOUTHERN_BORDER, capacity));
        programme.send(arrivals(shelterId, today.minusDays(1), 1, 10, 3, 5, 1, 1, 20));
        programme.send(arrivals(shelterId, today, 1, arrivalsToday, 10, 10, 5, 5, 30));
        programme.send(signed(agreementId, shelterId, donor, "PHASE-1", terms(today.minusDays(30), today.plusDays(200),
                budget, line("L1", SupplyCategory.MEDICINES, committed))));
        programme.send(dispatched(shipmentId, agreementId, shelterId, dispatchedAt,
                shipmentLine("S1", "L1", SupplyCategory.MEDICINES, accepted)));
        programme.send(delivered(shipmentId, agreementId, shelterId, dispatchedAt, dispatchedAt.plus(24, ChronoUnit.HOURS),
                deliveredLine("S1", "L1", SupplyCategory.MEDICINES, accepted, accepted, "0", null)));
        return new Fed(shelterId, agreementId);
    }

    JsonNode totals() {
        return get("/api/reports/programme?groupBy=donor&donor=" + donor).get("data").get("totals");
    }

    @Test
    void aRetiredShelterLeavesEveryReportAndTheExportsAndARebuildAnswersTheSame() {
        Fed kept = feed("Casa que sigue", "MX-CHP", 100, "10000", "100", "40", 30);
        Fed mistaken = feed("Casa registrada por error", "MX-OAX", 20, "7000", "50", "20", 25);
        programme.flush();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode totals = totals();
            assertThat(totals.get("shelters").asInt()).isEqualTo(2);
            assertThat(totals.get("quantities").get(0).get("accepted").decimalValue()).isEqualByComparingTo("60");
            assertThat(totals.get("peopleReceived").asLong()).isEqualTo(75);
        });
        assertThat(body("/api/reports/exports/3w.csv?donor=" + donor)).contains(mistaken.shelterId());
        assertThat(alertedShelters()).as("over capacity").contains(mistaken.shelterId());

        programme.send(new ShelterRetired(mistaken.shelterId(), "Registered twice", today()));
        programme.flush();

        await().atMost(Duration.ofSeconds(30)).until(() ->
                request("GET", "/api/reports/shelters/" + mistaken.shelterId()).statusCode() == 404);
        HttpResponse<String> overview = request("GET", "/api/reports/shelters/" + mistaken.shelterId());
        assertThat(overview.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(EventJson.mapper().readTree(overview.body()).get("type").asString())
                .isEqualTo("urn:shelters:problem:not-found");
        assertOnlyTheKeptShelterCounts(kept, mistaken);

        JsonNode before = answers();
        HttpResponse<String> started = requestWithKey("POST", "/api/reports/rebuild", "rebuild-" + mistaken.shelterId());
        assertThat(started.statusCode()).isEqualTo(202);
        int rebuilt = EventJson.mapper().readTree(started.body()).get("generation").asInt();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode status = get("/api/reports/rebuild");
            assertThat(status.get("generation").asInt()).isEqualTo(rebuilt);
            assertThat(status.get("state").asString()).isNotEqualTo("RUNNING");
        });
        assertThat(get("/api/reports/rebuild").get("state").asString()).isEqualTo("DONE");

        assertThat(get("/api/reports/shelters?donor=" + donor).get("generation").asInt()).isEqualTo(rebuilt);
        assertThat(request("GET", "/api/reports/shelters/" + mistaken.shelterId()).statusCode()).isEqualTo(404);
        assertOnlyTheKeptShelterCounts(kept, mistaken);
        assertThat(answers()).as("the rebuilt generation answers what the live one did").isEqualTo(before);
    }

    private void assertOnlyTheKeptShelterCounts(Fed kept, Fed mistaken) {
        JsonNode totals = totals();
        assertThat(totals.get("shelters").asInt()).isEqualTo(1);
        assertThat(totals.get("agreements").asInt()).isEqualTo(1);
        assertThat(totals.get("budgets").get(0).get("amount").decimalValue()).isEqualByComparingTo("10000");
        assertThat(totals.get("quantities").get(0).get("committed").decimalValue()).isEqualByComparingTo("100");
        assertThat(totals.get("quantities").get(0).get("accepted").decimalValue()).isEqualByComparingTo("40");
        assertThat(totals.get("peopleReceived").asLong()).isEqualTo(40);
        JsonNode byState = get("/api/reports/programme?groupBy=state&donor=" + donor).get("data").get("rows");
        assertThat(byState.valueStream().map(r -> r.get("key").asString()).toList()).containsExactly("MX-CHP");

        JsonNode shelters = get("/api/reports/shelters?donor=" + donor);
        assertThat(shelters.get("total").asInt()).isEqualTo(1);
        assertThat(shelters.get("items").get(0).get("shelterId").asString()).isEqualTo(kept.shelterId());

        JsonNode trend = get("/api/reports/arrivals-trend?donor=" + donor).get("data");
        assertThat(trend.valueStream().mapToLong(d -> d.get("arrivals").asLong()).sum()).isEqualTo(40);

        JsonNode delivery = get("/api/reports/delivery-performance?donor=" + donor).get("data");
        assertThat(delivery.get("overall").get("deliveries").asInt()).isEqualTo(1);
        assertThat(delivery.get("quantities").get(0).get("unit").asString()).isEqualTo("unit");
        assertThat(delivery.get("quantities").get(0).get("shipped").decimalValue()).isEqualByComparingTo("40");
        assertThat(delivery.get("byStateAndCarrier").valueStream().map(g -> g.get("state").asString()).toList())
                .containsExactly("MX-CHP");

        assertThat(alertedShelters()).doesNotContain(mistaken.shelterId());

        String[] threeW = body("/api/reports/exports/3w.csv?donor=" + donor).split("\r\n");
        assertThat(threeW).as("header, HXL row, the kept shelter's agreement").hasSize(3);
        assertThat(threeW[2]).contains(kept.agreementId()).doesNotContain(mistaken.shelterId());
        assertThat(body("/api/reports/exports/shelters.csv")).contains(kept.shelterId())
                .doesNotContain(mistaken.shelterId());
    }

    /** The figures of every report of this donor, without the freshness (a rebuild keeps it, the generation moves). */
    private JsonNode answers() {
        var all = EventJson.mapper().createObjectNode();
        for (String path : List.of("/api/reports/programme?groupBy=donor", "/api/reports/shelters",
                "/api/reports/arrivals-trend", "/api/reports/delivery-performance", "/api/reports/alerts")) {
            JsonNode answer = get(path + (path.contains("?") ? "&" : "?") + "donor=" + donor);
            all.set(path, answer.has("data") ? answer.get("data") : answer.get("items"));
        }
        all.put("3w.csv", body("/api/reports/exports/3w.csv?donor=" + donor));
        return all;
    }

    private List<String> alertedShelters() {
        return get("/api/reports/alerts?size=500&donor=" + donor).get("items").valueStream()
                .map(a -> a.get("shelterId").asString()).toList();
    }

    private String body(String path) {
        HttpResponse<String> response = request("GET", path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}

package org.shelters.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shelters.reporting.Programme.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.shelters.Corridor;
import org.shelters.reporting.projection.Projection;
import org.shelters.reporting.projection.ProjectionStore;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class RebuildIT extends ReportingIT {

    @Autowired
    ProjectionStore store;

    @Test
    void aRebuildFromOffsetZeroEqualsTheLiveProjectionsAndThenServes() {
        String shelterId = id("shelter");
        String agreementId = id("agreement");
        LocalDate today = today();
        programme.send(shelter(shelterId, "Casa " + shelterId, "MX-SON", Corridor.NORTHERN_BORDER, 40));
        for (int day = 10; day >= 0; day--) {
            programme.send(arrivals(shelterId, today.minusDays(day), 1, 20 + day, 5, 10, 2, 3, 30));
        }
        programme.send(arrivals(shelterId, today, 2, 99, 30, 50, 9, 10, 60));
        programme.send(signed(agreementId, shelterId, "Rebuild donor", "PHASE-1", terms(today.minusDays(30),
                today.plusDays(200), "5000", line("L1", SupplyCategory.HYGIENE_PRODUCTS, "300"))));
        String shipmentId = id("shipment");
        java.time.Instant dispatchedAt = java.time.Instant.now().minusSeconds(86_400).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        programme.send(dispatched(shipmentId, agreementId, shelterId, dispatchedAt,
                shipmentLine("S1", "L1", SupplyCategory.HYGIENE_PRODUCTS, "100")));
        programme.send(delivered(shipmentId, agreementId, shelterId, dispatchedAt, dispatchedAt.plusSeconds(7_200),
                deliveredLine("S1", "L1", SupplyCategory.HYGIENE_PRODUCTS, "100", "100", "0", null)));
        programme.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/reports/shelters/" + shelterId).get("data")
                .get("arrivals").get("today").get("arrivals").asInt() == 99
                && request("GET", "/api/reports/agreements/" + agreementId + "/fulfilment").statusCode() == 200);
        JsonNode before = get("/api/reports/shelters/" + shelterId);
        int liveGeneration = before.get("generation").asInt();

        var started = requestWithKey("POST", "/api/reports/rebuild", "rebuild-" + shelterId);
        assertThat(started.statusCode()).isEqualTo(202);
        var again = requestWithKey("POST", "/api/reports/rebuild", "rebuild-" + shelterId);
        assertThat(again.statusCode()).as("same Idempotency-Key: the first answer, no second rebuild").isEqualTo(202);
        assertThat(again.body()).isEqualTo(started.body());
        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(get("/api/reports/rebuild").get("state").asString()));
        JsonNode status = get("/api/reports/rebuild");
        assertThat(status.get("state").asString()).isEqualTo("DONE");
        assertThat(status.get("applied").asLong()).isEqualTo(status.get("total").asLong()).isPositive();
        int rebuilt = status.get("generation").asInt();
        assertThat(rebuilt).isEqualTo(liveGeneration + 1);
        assertThat(status.get("activeGeneration").asInt()).isEqualTo(rebuilt);

        for (Projection<?> documents : Projections.DOCUMENTS) {
            List<Document> live = store.rawSortedById(documents, liveGeneration);
            List<Document> replayed = store.rawSortedById(documents, rebuilt);
            assertThat(replayed).as(documents.collection()).isNotEmpty().isEqualTo(live);
        }
        JsonNode after = get("/api/reports/shelters/" + shelterId);
        assertThat(after.get("generation").asInt()).isEqualTo(rebuilt);
        assertThat(after.get("data")).isEqualTo(before.get("data"));
        assertThat(after.get("asOf")).isEqualTo(before.get("asOf"));
        assertThat(request("POST", "/api/reports/rebuild").statusCode()).as("a new rebuild may start once done").isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(get("/api/reports/rebuild").get("state").asString()));
        assertThat(request("GET", "/actuator/prometheus").body()).contains("reporting_rebuild_applied", "projection_freshness_seconds_bucket");
    }

    @Test
    void eventsWrittenWhileTheRebuildRunsAndSwitchesOverAreAllShownAfterwards() {
        List<String> shelterIds = java.util.stream.IntStream.range(0, 6).mapToObj(i -> id("busy")).toList();
        shelterIds.forEach(s -> programme.send(shelter(s, "Casa " + s, "MX-OAX", Corridor.SOUTHERN_BORDER, 40)));
        LocalDate first = today().minusDays(3000);
        int days = 0;
        for (; days < 400; days++) {
            sendOneDay(shelterIds, first.plusDays(days));
        }
        programme.flush();
        int backlog = days;
        // the live projections are caught up, so what is written next is applied live while the replay runs
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(peopleReceived(shelterIds))
                .containsOnly(String.valueOf(backlog)));
        assertThat(request("POST", "/api/reports/rebuild").statusCode()).isEqualTo(202);
        // keep writing through the replay, the tail under the lock and the switch-over
        while ("RUNNING".equals(get("/api/reports/rebuild").get("state").asString()) && days < 2900) {
            sendOneDay(shelterIds, first.plusDays(days++));
            programme.flush();
        }
        for (int more = 0; more < 5; more++) {
            sendOneDay(shelterIds, first.plusDays(days++));
        }
        programme.flush();
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(get("/api/reports/rebuild").get("state").asString()));
        int expected = days;
        assertThat(days).as("writes went on while the rebuild ran").isGreaterThan(backlog + 5);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(peopleReceived(shelterIds))
                .containsOnly(String.valueOf(expected)));
    }

    /** People received per shelter (one a day was sent), from the active generation. */
    private List<String> peopleReceived(List<String> shelterIds) {
        String[] lines = request("GET", "/api/reports/exports/shelters.csv?state=MX-OAX").body().split("\r\n");
        int people = List.of(lines[1].split(",", -1)).indexOf("#reached+ind");
        return shelterIds.stream().map(shelterId -> java.util.Arrays.stream(lines)
                .filter(l -> l.startsWith(shelterId + ",")).findFirst().map(l -> l.split(",", -1)[people]).orElse("none"))
                .toList();
    }

    private void sendOneDay(List<String> shelterIds, LocalDate date) {
        shelterIds.forEach(s -> programme.send(arrivals(s, date, 1, 1, 0, 1, 0, 0, 1)));
    }
}

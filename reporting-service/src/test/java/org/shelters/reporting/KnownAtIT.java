package org.shelters.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shelters.reporting.Programme.*;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shelters.events.EventJson;
import org.shelters.events.EventMetadata;
import org.shelters.events.Events;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.shelters.Corridor;
import org.shelters.reporting.projection.ProjectionStore;
import org.shelters.reporting.rebuild.ScratchGenerations;
import org.shelters.reporting.shelters.ShelterFold;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code ?knownAt=}: a report or export asked as known at an instant is what the platform answered
 * then, byte for byte, whatever was corrected or delivered afterwards; without it, the corrections
 * show. Real broker and store: the answer comes from a replay of the topics into a scratch generation.
 */
class KnownAtIT extends ReportingIT {

    @Autowired
    MeterRegistry meters;

    @Autowired
    ScratchGenerations scratch;

    @Autowired
    ProjectionStore store;

    @Test
    void aReportAndAnExportAsKnownAtAnInstantAreTheAnswersOfThatInstantAfterLaterCorrections() throws Exception {
        String shelterId = id("known");
        String agreementId = id("agreement");
        String shipmentId = id("shipment");
        String donor = "Donor " + shelterId;
        LocalDate today = today();
        programme.send(shelter(shelterId, "Casa " + shelterId, "MX-TLA", Corridor.CENTRE, 40));
        programme.send(arrivals(shelterId, today.minusDays(1), 1, 12, 3, 5, 2, 2, 20));
        programme.send(arrivals(shelterId, today, 1, 30, 8, 12, 5, 5, 35));
        programme.send(signed(agreementId, shelterId, donor, "PHASE-1", terms(today.minusDays(30), today.plusDays(200),
                "5000", line("L1", SupplyCategory.HYGIENE_PRODUCTS, "300"))));
        Instant dispatchedAt = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        programme.send(dispatched(shipmentId, agreementId, shelterId, dispatchedAt,
                shipmentLine("S1", "L1", SupplyCategory.HYGIENE_PRODUCTS, "100")));
        programme.flush();
        String shelterPath = "/api/reports/shelters/" + shelterId;
        String fulfilmentPath = "/api/reports/agreements/" + agreementId + "/fulfilment";
        String threeW = "/api/reports/exports/3w.csv?donor=" + donor.replace(" ", "+");
        String sheltersCsv = "/api/reports/exports/shelters.csv?state=MX-TLA";
        String auditPath = "/api/audit/agreements/" + agreementId;
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get(shelterPath).get("data").get("arrivals").get("today")
                .get("arrivals").asInt() == 30 && request("GET", fulfilmentPath).statusCode() == 200
                && get(fulfilmentPath).toString().contains("100"));
        List<String> paths = List.of(shelterPath, fulfilmentPath, threeW, sheltersCsv,
                "/api/reports/programme?donor=" + donor.replace(" ", "+"), auditPath);
        List<String> before = paths.stream().map(this::body).toList();
        Instant knownAt = Instant.now();
        Thread.sleep(5);

        // the arrivals of today corrected, the shipment delivered, the agreement amended
        programme.send(arrivals(shelterId, today, 2, 45, 10, 20, 8, 7, 50));
        programme.send(delivered(shipmentId, agreementId, shelterId, dispatchedAt, dispatchedAt.plusSeconds(7_200),
                deliveredLine("S1", "L1", SupplyCategory.HYGIENE_PRODUCTS, "100", "90", "10",
                        org.shelters.events.logistics.RejectionReason.DAMAGED)));
        programme.send(amended(agreementId, shelterId, 1, terms(today.minusDays(30), today.plusDays(200), "8000",
                line("L1", SupplyCategory.HYGIENE_PRODUCTS, "600"))));
        programme.flush();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get(shelterPath).get("data").get("arrivals").get("today")
                .get("arrivals").asInt() == 45 && get(fulfilmentPath).toString().contains("600")
                && get(fulfilmentPath).toString().contains("\"rejected\""));
        List<String> after = paths.stream().map(this::body).toList();
        for (int i = 0; i < paths.size(); i++) {
            assertThat(after.get(i)).as("live, the correction shows: " + paths.get(i)).isNotEqualTo(before.get(i));
        }

        for (String asGiven : List.of(knownAt.toString(), OffsetDateTime.ofInstant(knownAt, ZoneOffset.ofHours(-6)).toString())) {
            for (int i = 0; i < paths.size(); i++) {
                String path = paths.get(i);
                String asKnown = body(path + (path.contains("?") ? "&" : "?") + "knownAt=" + asGiven);
                assertThat(asKnown).as("as known at " + asGiven + ": " + path).isEqualTo(before.get(i));
            }
        }
        assertThat(body(auditPath + "?knownAt=" + knownAt)).doesNotContain("AgreementAmended");
        assertThat(body(auditPath)).contains("AgreementAmended");

        // the rules of who may read what are the same on the past state
        String partnerOfAnother = ISSUER.token("partner-" + shelterId, List.of("SHELTER_PARTNER"), List.of("another"));
        assertThat(request("GET", shelterPath + "?knownAt=" + knownAt, partnerOfAnother).statusCode()).isEqualTo(403);
        String partner = ISSUER.token("partner-" + shelterId, List.of("SHELTER_PARTNER"), List.of(shelterId));
        HttpResponse<String> own = request("GET", shelterPath + "?knownAt=" + knownAt, partner);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(EventJson.mapper().readTree(own.body()).get("data"))
                .isEqualTo(EventJson.mapper().readTree(before.get(0)).get("data"));
        String ownCsv = request("GET", "/api/reports/exports/shelters.csv?knownAt=" + knownAt, partner).body();
        assertThat(ownCsv.split("\r\n")).as("header, hashtags and its own shelter only").hasSize(3);
        assertThat(ownCsv).contains(shelterId);
    }

    @Test
    void twoConcurrentRequestsForTheSameInstantReplayOnceAndLaterOnesReadTheKeptReplay() {
        // older than the settle time, so the replay is kept; a random millisecond, so no other test asked it
        Instant knownAt = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS)
                .plusMillis(ThreadLocalRandom.current().nextInt(1, 1000));
        double replays = replays();
        String path = "/api/reports/programme?knownAt=" + knownAt;
        CompletableFuture<HttpResponse<String>> one = CompletableFuture.supplyAsync(() -> request("GET", path));
        CompletableFuture<HttpResponse<String>> two = CompletableFuture.supplyAsync(() -> request("GET", path));
        HttpResponse<String> first = one.join();
        HttpResponse<String> second = two.join();
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(replays()).as("one replay for both").isEqualTo(replays + 1);

        assertThat(request("GET", "/api/reports/exports/3w.csv?knownAt=" + knownAt).statusCode()).isEqualTo(200);
        assertThat(request("GET", "/api/reports/alerts?knownAt=" + knownAt).statusCode()).isEqualTo(200);
        assertThat(replays()).as("other reports of the same instant read the kept replay").isEqualTo(replays + 1);
        assertThat(request("GET", "/actuator/prometheus").body()).contains("reporting_known_at_replays_total",
                "reporting_known_at_replay_seconds", "reporting_known_at_replayed_records_total");
    }

    @Test
    void replaysAreKeptUpToTheCacheSizeTheOldestDroppedAndNoLiveBatchWritesThem() {
        // a shelter recorded 20 minutes ago (past the settle time, so the replays of later instants are kept)
        String pastShelter = id("past");
        Instant recorded = Instant.now().minus(20, ChronoUnit.MINUTES);
        programme.send(Events.envelope("/test", shelter(pastShelter, "Casa " + pastShelter, "MX-TLA", Corridor.CENTRE, 10),
                1, EventMetadata.none(), recorded, recorded));
        programme.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> request("GET", "/api/reports/shelters/" + pastShelter)
                .statusCode() == 200);
        assertThat(body("/api/reports/shelters?size=500&knownAt=" + recorded.minusSeconds(60)))
                .as("not yet recorded then").doesNotContain(pastShelter);

        Instant first = recorded.plusSeconds(60).truncatedTo(ChronoUnit.SECONDS)
                .plusMillis(ThreadLocalRandom.current().nextInt(1, 1000));
        assertThat(body("/api/reports/shelters?size=500&knownAt=" + first)).contains(pastShelter);
        int firstGeneration = scratch.kept().get(first);
        assertThat(firstGeneration).as("a scratch generation is never a live one").isNegative();
        assertThat(store.rawSortedById(ShelterFold.SHELTERS, firstGeneration)).extracting(d -> d.get("_id"))
                .contains(pastShelter);

        // live events after the replay reach the live generation only
        String liveShelter = id("live");
        programme.send(shelter(liveShelter, "Casa " + liveShelter, "MX-TLA", Corridor.CENTRE, 10));
        programme.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> request("GET", "/api/reports/shelters/" + liveShelter)
                .statusCode() == 200);
        assertThat(store.rawSortedById(ShelterFold.SHELTERS, firstGeneration)).extracting(d -> d.get("_id"))
                .doesNotContain(liveShelter);

        for (int i = 1; i <= 4; i++) {
            assertThat(request("GET", "/api/reports/programme?knownAt=" + first.plusMillis(i)).statusCode()).isEqualTo(200);
        }
        assertThat(scratch.kept()).as("the cache size").hasSize(4).doesNotContainKey(first);
        assertThat(store.rawSortedById(ShelterFold.SHELTERS, firstGeneration)).as("the evicted replay is dropped").isEmpty();
    }

    @Test
    void anInstantBeforeTheFirstEventIsAnEmptyProgramme() {
        JsonNode shelters = get("/api/reports/shelters?knownAt=2000-01-01T00:00:00Z");
        assertThat(shelters.get("total").asInt()).isZero();
        assertThat(shelters.get("items")).isEmpty();
        assertThat(shelters.path("asOf").isNull() || shelters.path("asOf").isMissingNode()).isTrue();
        String csv = body("/api/reports/exports/3w.csv?knownAt=2000-01-01");
        assertThat(csv.split("\r\n")).as("header and hashtag rows only").hasSize(2);
    }

    @Test
    void aDonorAsKnownAtAPastDayReadsThePeriodThatHadEndedThen() {
        LocalDate endOfLastMonth = today().withDayOfMonth(1).minusDays(1);
        JsonNode programme = get("/api/reports/programme?knownAt=" + endOfLastMonth, as("DONOR"));
        assertThat(programme.get("disclosure").get("from").asString())
                .as("today was the last day of last month, so the last completed month was the one before")
                .isEqualTo(endOfLastMonth.withDayOfMonth(1).minusMonths(1).toString());
        HttpResponse<String> thatMonth = request("GET", "/api/reports/programme?period="
                + endOfLastMonth.toString().substring(0, 7) + "&knownAt=" + endOfLastMonth, as("DONOR"));
        assertThat(thatMonth.statusCode()).as("the month had not ended then").isEqualTo(400);
        assertThat(fields(thatMonth)).containsExactly("period");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/api/reports/programme?knownAt=yesterday",
            "/api/reports/programme?knownAt=",
            "/api/reports/programme?knownAt=2026-13-01T00:00:00Z",
            "/api/reports/programme?knownAt=2999-01-01T00:00:00Z",
            "/api/reports/exports/3w.csv?knownAt=2999-01-01",
            "/api/reports/shelters?knownAt=1700000000",
            "/api/reports/shelters?knownAt=2026-01-01&knownAt=2026-02-01",
            "/api/audit/agreements/anyone?knownAt=soon"})
    void aMalformedOrFutureKnownAtIsRefusedNamingIt(String path) {
        HttpResponse<String> response = request("GET", path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(fields(response)).as(response.body()).containsExactly("knownAt");
    }

    @Test
    void todayAsADateIsInTheFutureUntilTheDayHasEnded() {
        HttpResponse<String> response = request("GET", "/api/reports/programme?knownAt=" + today());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(fields(response)).containsExactly("knownAt");
    }

    @Test
    void theRebuildProgressTakesNoKnownAt() {
        HttpResponse<String> response = request("GET", "/api/reports/rebuild?knownAt=2026-01-01T00:00:00Z");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(fields(response)).containsExactly("knownAt");
    }

    @Test
    void theOpenApiDocumentNamesKnownAtOnEveryReportAndExport() {
        JsonNode paths = EventJson.mapper().readTree(request("GET", "/v3/api-docs").body()).get("paths");
        List<String> reports = paths.propertyNames().stream()
                .filter(p -> p.startsWith("/api/reports/") && !p.startsWith("/api/reports/rebuild"))
                .filter(p -> paths.get(p).has("get")).toList();
        assertThat(reports).contains("/api/reports/programme", "/api/reports/exports/3w.csv");
        for (String path : reports) {
            assertThat(paths.get(path).get("get").path("parameters").valueStream()
                    .map(p -> p.get("name").asString())).as(path).contains("knownAt");
        }
    }

    private String body(String path) {
        HttpResponse<String> response = request("GET", path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private double replays() {
        return meters.get("reporting.known_at.replays").counter().count();
    }

    private static List<String> fields(HttpResponse<String> response) {
        JsonNode errors = EventJson.mapper().readTree(response.body()).path("errors");
        return Arrays.asList(errors.valueStream().map(e -> e.get("field").asString()).toArray(String[]::new));
    }
}

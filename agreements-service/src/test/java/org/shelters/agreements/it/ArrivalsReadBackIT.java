package org.shelters.agreements.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shelters.agreements.shelter.ArrivalsReadBackProjection;
import org.shelters.events.EventEnvelope;
import org.shelters.events.shelters.ShelterEvent;
import org.shelters.testsupport.TestInfrastructure;
import org.shelters.testsupport.TestIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A partner reads back what it reported ({@code GET /api/shelters/{id}/arrivals}): per day the
 * latest correction with its revision and recorded time, for its own shelter only, over a bounded
 * range named by valid dates. The read-back is a projection of the ShelterArrivalsReported events,
 * so the tests await it, and check that an answer is never silently behind.
 */
class ArrivalsReadBackIT extends IntegrationTest {

    private static final TestIssuer ISSUER = TestInfrastructure.issuer();

    @Autowired
    ArrivalsReadBackProjection projection;

    private String own;
    private String other;
    private Http partner;

    @BeforeEach
    void aPartnerOfOneShelterAndAnotherShelter() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        own = register("Albergue Lectura " + suffix, "MX-OAX", "SOUTHERN_BORDER", 80);
        other = register("Albergue Ajeno " + suffix, "MX-OAX", "SOUTHERN_BORDER", 80);
        partner = http().withToken(ISSUER.partner("partner-" + suffix, List.of(own)));
    }

    @Test
    void aPartnerReadsBackEachDayWithItsLatestCorrection() {
        LocalDate today = Fixtures.today();
        LocalDate twoDaysAgo = today.minusDays(2);
        LocalDate yesterday = today.minusDays(1);
        assertThat(partner.post("/api/shelters/" + own + "/arrivals", Fixtures.arrivals(twoDaysAgo, 90)).status()).isEqualTo(201);
        assertThat(partner.post("/api/shelters/" + own + "/arrivals", Fixtures.arrivals(yesterday, 100)).status()).isEqualTo(201);
        assertThat(partner.post("/api/shelters/" + own + "/arrivals", Fixtures.arrivals(yesterday, 104)).status()).isEqualTo(201);

        JsonNode answer = awaitComplete(twoDaysAgo, today);

        JsonNode days = answer.get("days");
        assertThat(days).hasSize(2);
        assertThat(days.get(0).get("date").asString()).isEqualTo(twoDaysAgo.toString());
        assertThat(days.get(0).get("arrivals").asInt()).isEqualTo(90);
        assertThat(days.get(0).get("revision").asInt()).isEqualTo(1);
        JsonNode corrected = days.get(1);
        assertThat(corrected.get("date").asString()).isEqualTo(yesterday.toString());
        assertThat(corrected.get("arrivals").asInt()).as("the latest correction").isEqualTo(104);
        assertThat(corrected.get("revision").asInt()).isEqualTo(2);
        assertThat(corrected.get("corrections").asInt()).isEqualTo(1);
        assertThat(Instant.parse(corrected.get("recordedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(corrected.get("firstRecordedAt").asString()));
        assertThat(answer.get("pending")).isEmpty();

        Http.Response oneDay = partner.get("/api/shelters/" + own + "/arrivals?from=" + twoDaysAgo + "&to=" + twoDaysAgo);
        assertThat(oneDay.json().get("days")).as("the range is inclusive and bounds the answer").hasSize(1);
    }

    /** Read your writes: right after a report the day is either read back at its new revision or named pending. */
    @Test
    void aReportJustAcceptedIsReadBackOrNamedPendingNeverSilentlyStale() {
        LocalDate day = Fixtures.today().minusDays(3);
        for (int revision = 1; revision <= 3; revision++) {
            assertThat(partner.post("/api/shelters/" + own + "/arrivals", Fixtures.arrivals(day, 60 + revision)).status())
                    .isEqualTo(201);
            JsonNode answer = partner.get("/api/shelters/" + own + "/arrivals?from=" + day + "&to=" + day).json();
            JsonNode days = answer.get("days");
            boolean readBack = days.size() == 1 && days.get(0).get("revision").asInt() == revision;
            JsonNode named = answer.get("pending");
            boolean pending = named.size() == 1 && named.get(0).asString().equals(day.toString());
            assertThat(readBack ^ pending).as("revision %d: %s", revision, answer).isTrue();
            assertThat(answer.get("complete").asBoolean()).isEqualTo(readBack);
        }
        JsonNode settled = awaitComplete(day, day);
        assertThat(settled.get("days").get(0).get("arrivals").asInt()).isEqualTo(63);
    }

    /**
     * A redelivery after a crash, or a dead letter re-driven after the correction that followed it,
     * hands the projection an event it saw or an older revision: neither undoes the correction.
     */
    @Test
    void aRedeliveredOrLateRevisionNeverReplacesALaterOne() {
        LocalDate day = Fixtures.today().minusDays(5);
        Instant first = Instant.parse("2026-11-20T15:00:00Z");
        Instant corrected = first.plusSeconds(3_600);
        ShelterArrivalEvents stream = new ShelterArrivalEvents(own, 1);
        EventEnvelope<ShelterEvent> revision1 = stream.reported(day, 1, 80, first);
        EventEnvelope<ShelterEvent> revision2 = stream.reported(day, 2, 95, corrected);

        projection.handle(revision2);
        projection.handle(revision2);
        projection.handle(revision1);
        projection.handle(new ShelterArrivalEvents(own, 3).registered());

        JsonNode days = partner.get("/api/shelters/" + own + "/arrivals?from=" + day + "&to=" + day).json().get("days");
        assertThat(days).hasSize(1);
        JsonNode kept = days.get(0);
        assertThat(kept.get("arrivals").asInt()).as("revision 2's figures").isEqualTo(95);
        assertThat(kept.get("women").asInt()).isEqualTo(23);
        assertThat(kept.get("revision").asInt()).isEqualTo(2);
        assertThat(kept.get("corrections").asInt()).isEqualTo(1);
        assertThat(Instant.parse(kept.get("recordedAt").asString())).isEqualTo(corrected);
        assertThat(Instant.parse(kept.get("firstRecordedAt").asString()))
                .as("the late first report still says when the day was first reported").isEqualTo(first);
    }

    private JsonNode awaitComplete(LocalDate from, LocalDate to) {
        JsonNode[] answer = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            Http.Response response = partner.get("/api/shelters/" + own + "/arrivals?from=" + from + "&to=" + to);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            assertThat(response.json().get("complete").asBoolean()).as(response.text()).isTrue();
            answer[0] = response.json();
        });
        return answer[0];
    }

    @Test
    void anotherShelterIsForbiddenToThePartner() {
        Http.Response answer = partner.get("/api/shelters/" + other + "/arrivals");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.problemType()).isEqualTo("urn:shelters:problem:forbidden");
        assertThat(http().as("LOGISTICS_OFFICER").get("/api/shelters/" + own + "/arrivals").status()).isEqualTo(403);
        assertThat(http().as("PROGRAMME_OFFICER").get("/api/shelters/" + own + "/arrivals").status()).isEqualTo(200);
    }

    @Test
    void badDatesAndRangesAre400NamingTheParameter() {
        assertRefused("?from=2026-13-01", "from");
        assertRefused("?to=yesterday", "to");
        assertRefused("?from=2026-11-30&to=2026-11-01", "from");
        assertRefused("?from=2024-01-01&to=2026-01-01", "from");
        assertRefused("?form=2026-11-01", "form");
        assertThat(partner.get("/api/shelters/unknown-shelter/arrivals").status()).isEqualTo(404);
    }

    private void assertRefused(String query, String field) {
        Http.Response answer = partner.get("/api/shelters/" + own + "/arrivals" + query);
        assertThat(answer.status()).as(query + ": " + answer.text()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").findValuesAsString("field")).as(query).contains(field);
    }
}

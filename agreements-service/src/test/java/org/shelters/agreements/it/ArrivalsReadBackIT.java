package org.shelters.agreements.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shelters.testsupport.TestInfrastructure;
import org.shelters.testsupport.TestIssuer;
import tools.jackson.databind.JsonNode;

/**
 * A partner reads back what it reported ({@code GET /api/shelters/{id}/arrivals}): per day the
 * latest correction with its revision and recorded time, for its own shelter only, over a bounded
 * range named by valid dates.
 */
class ArrivalsReadBackIT extends IntegrationTest {

    private static final TestIssuer ISSUER = TestInfrastructure.issuer();

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

        Http.Response answer = partner.get("/api/shelters/" + own + "/arrivals?from=" + twoDaysAgo + "&to=" + today);

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode days = answer.json().get("days");
        assertThat(days).hasSize(2);
        assertThat(days.get(0).get("date").asString()).isEqualTo(twoDaysAgo.toString());
        assertThat(days.get(0).get("arrivals").asInt()).isEqualTo(90);
        assertThat(days.get(0).get("revision").asInt()).isEqualTo(1);
        JsonNode corrected = days.get(1);
        assertThat(corrected.get("date").asString()).isEqualTo(yesterday.toString());
        assertThat(corrected.get("arrivals").asInt()).as("the latest correction").isEqualTo(104);
        assertThat(corrected.get("revision").asInt()).isEqualTo(2);
        assertThat(corrected.get("corrections").asInt()).isEqualTo(1);
        assertThat(java.time.Instant.parse(corrected.get("recordedAt").asString()))
                .isAfterOrEqualTo(java.time.Instant.parse(corrected.get("firstRecordedAt").asString()));

        Http.Response oneDay = partner.get("/api/shelters/" + own + "/arrivals?from=" + twoDaysAgo + "&to=" + twoDaysAgo);
        assertThat(oneDay.json().get("days")).as("the range is inclusive and bounds the answer").hasSize(1);
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

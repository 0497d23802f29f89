package org.shelters.agreements.it;

import static org.assertj.core.api.Assertions.assertThat;
import org.shelters.testsupport.PrometheusScrape;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shelters.agreements.agreement.AgreementStatus;

/** The domain figures at /actuator/prometheus follow the commands, under the names the alert rules and dashboard use. */
class DomainMetricsIT extends IntegrationTest {

    @Test
    void commandsAreCountedAfterTheyAreStoredAndTheScrapePassesPromtool() {
        PrometheusScrape before = PrometheusScrape.of(port);
        String shelterId = register("Albergue Metrics", "MX-OAX", "SOUTHERN_BORDER", 80);
        String date = Fixtures.today().minusDays(1).toString();
        assertThat(http().post("/api/shelters/" + shelterId + "/arrivals", Fixtures.arrivals(Fixtures.today().minusDays(1), 40))
                .status()).isEqualTo(201);
        Http.Response corrected = http().post("/api/shelters/" + shelterId + "/arrivals",
                Fixtures.arrivals(Fixtures.today().minusDays(1), 44));
        assertThat(corrected.status()).isEqualTo(201);
        assertThat(corrected.json().get("revision").asInt()).as(date).isEqualTo(2);
        String agreementId = draft(shelterId, "metrics phase");
        assertThat(http().post("/api/agreements/" + agreementId + "/sign", null).status()).isEqualTo(200);
        Http.Response training = http().post("/api/agreements/" + agreementId + "/trainings", Map.of("topic", "PSYCHOSOCIAL_SUPPORT",
                "date", date, "participantsWomen", 7, "participantsMen", 5));
        assertThat(training.status()).as(training.text()).isEqualTo(201);
        // refused commands count nothing
        assertThat(http().post("/api/agreements/" + agreementId + "/sign", null).status()).isEqualTo(409);
        assertThat(http().post("/api/shelters/" + shelterId + "/arrivals", Fixtures.arrivals(Fixtures.today().plusDays(3), 10))
                .status()).isEqualTo(400);

        PrometheusScrape after = PrometheusScrape.of(port);
        assertThat(delta(before, after, "agreements_signed_total", Map.of())).isEqualTo(1);
        assertThat(delta(before, after, "arrivals_reported_total", Map.of("corridor", "SOUTHERN_BORDER"))).isEqualTo(2);
        assertThat(delta(before, after, "arrivals_reported_total", Map.of())).isEqualTo(2);
        assertThat(delta(before, after, "arrival_corrections_total", Map.of())).isEqualTo(1);
        assertThat(delta(before, after, "trainings_delivered_total", Map.of("topic", "PSYCHOSOCIAL_SUPPORT"))).isEqualTo(1);
        assertThat(delta(before, after, "training_participants_total", Map.of("topic", "PSYCHOSOCIAL_SUPPORT", "sex", "women")))
                .isEqualTo(7);
        assertThat(delta(before, after, "training_participants_total", Map.of("topic", "PSYCHOSOCIAL_SUPPORT", "sex", "men")))
                .isEqualTo(5);
        // every label value is known up front (series exist at 0 before their first increment)
        assertThat(after.matching("arrivals_reported_total", Map.of())).hasSize(3);
        assertThat(after.matching("training_participants_total", Map.of())).hasSize(6);
        for (String family : new String[] {"agreements", "agreements_signed_total", "arrivals_reported_total",
                "arrival_corrections_total", "trainings_delivered_total", "training_participants_total"}) {
            assertThat(after.hasHelp(family)).as("HELP of %s", family).isTrue();
        }
        after.assertPassesPromtool();
    }

    @Test
    void agreementsByStatusFollowTheDatabaseWithinTheRefreshInterval() {
        String shelterId = register("Albergue Gauge", "MX-CHP", "SOUTHERN_BORDER", 50);
        String draftOnly = draft(shelterId, "gauge draft");
        String toSign = draft(shelterId, "gauge signed");
        assertThat(http().post("/api/agreements/" + toSign + "/sign", null).status()).isEqualTo(200);
        assertThat(draftOnly).isNotEqualTo(toSign);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            PrometheusScrape scrape = PrometheusScrape.of(port);
            assertThat(scrape.matching("agreements", Map.of())).hasSize(AgreementStatus.values().length);
            for (AgreementStatus status : AgreementStatus.values()) {
                long total = http().get("/api/agreements?size=1&status=" + status).json().get("total").asLong();
                assertThat(scrape.value("agreements", Map.of("status", status.name()))).as(status.name()).isEqualTo(total);
            }
            assertThat(scrape.value("agreements", Map.of("status", "SIGNED"))).isPositive();
        });
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}

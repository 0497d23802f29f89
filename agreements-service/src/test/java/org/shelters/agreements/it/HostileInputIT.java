package org.shelters.agreements.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shelters.platform.PlatformProperties;
import org.shelters.testsupport.HostileReport;
import org.shelters.testsupport.HostileRequests;
import org.shelters.testsupport.QuietTopics;
import org.shelters.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The edge's promise under a generated flood: thousands of hostile requests over every mutating
 * operation of the OpenAPI document, aimed at real shelters and agreements (a draft and a signed
 * one, so bodies are checked where the command would otherwise run), are all refused with
 * problem+json 4xx, and not one event reaches Kafka.
 *
 * <p>Every request of the flood carries a real ADMIN token of the suite's issuer, which the security
 * chain validates as any other, so the flood reaches the input checks instead of stopping at 401.
 * The per-caller command limit is off in this context: one caller sending thousands of commands a
 * minute is what it exists to stop (the platform tests it).
 */
@TestPropertySource(properties = "platform.security.rate-limit.enabled=false")
class HostileInputIT extends IntegrationTest {

    private static final int REQUESTS_PER_RESOURCE_SET = 2_500;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    PlatformProperties platform;

    @Test
    void thousandsOfHostileCommandsAreAllRefusedWithProblemJsonAndPublishNothing() {
        String shelterId = register("Albergue Hostil de Prueba", "MX-CHP", "SOUTHERN_BORDER", 80);
        String draftId = draft(shelterId, "hostile-draft");
        String signedId = draft(shelterId, "hostile-signed");
        assertThat(http().post("/api/agreements/" + signedId + "/sign", null).status()).isEqualTo(200);
        QuietTopics topics = new QuietTopics(mongo.getDb(), platform.getOutbox().getCollections());
        Map<String, Long> before = topics.settle();

        HostileReport report = hostile(shelterId, draftId, 11L).plus(hostile(shelterId, signedId, 12L));
        System.out.println(report.summary("agreements-service"));

        report.assertEveryRequestRefused(11, 5_000);
        Map<String, String> moved = topics.movedSince(before);
        assertThat(topics.pendingOutbox()).as("aggregates with unpublished events").isZero();
        assertThat(moved).as("topics that moved").isEmpty();
    }

    private HostileReport hostile(String shelterId, String agreementId, long seed) {
        String today = Fixtures.today().toString();
        String admin = TestInfrastructure.issuer().token("ADMIN");
        return HostileRequests.against("http://localhost:" + port)
                .bearer(() -> admin)
                .pathValues(Map.of("shelterId", shelterId, "agreementId", agreementId))
                // values a schema cannot tell, so each variant differs from an acceptable command in one field only
                .examples(Map.ofEntries(
                        Map.entry("shelterId", shelterId), Map.entry("state", "MX-CHP"), Map.entry("currency", "USD"),
                        Map.entry("programmeCode", "PRM-MX-2026"), Map.entry("year", 2026),
                        Map.entry("start", Fixtures.today().minusMonths(1).toString()),
                        Map.entry("end", Fixtures.today().plusYears(1).toString()),
                        Map.entry("signedOn", today), Map.entry("reason", "hostile probe"),
                        Map.entry("lineId", "L1"), Map.entry("workId", "W1"), Map.entry("arrivals", 40),
                        Map.entry("capacity", 80)))
                .requests(REQUESTS_PER_RESOURCE_SET).seed(seed).run();
    }
}

package org.shelters.agreements.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.shelters.platform.PlatformProperties;
import org.shelters.testsupport.HostileReport;
import org.shelters.testsupport.HostileRequests;
import org.shelters.testsupport.TestInfrastructure;
import org.shelters.testsupport.TopicEndOffsets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The edge's promise under a generated flood: thousands of hostile requests over every mutating
 * operation of the OpenAPI document, aimed at real shelters and agreements (a draft and a signed
 * one, so bodies are checked where the command would otherwise run), are all refused with
 * problem+json 4xx, and not one event reaches Kafka.
 */
class HostileInputIT extends IntegrationTest {

    private static final List<String> TOPICS = List.of("shelters.v1", "agreements.v1", "logistics.v1");
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
        Map<String, Long> before = quietOffsets();

        HostileReport report = hostile(shelterId, draftId, 11L).plus(hostile(shelterId, signedId, 12L));
        System.out.println(report.summary("agreements-service"));

        assertThat(report.operations()).as("mutating operations in the OpenAPI document").hasSizeGreaterThanOrEqualTo(11);
        assertThat(report.operationsWithoutRequests()).as(report.details()).isEmpty();
        assertThat(report.requests()).isGreaterThanOrEqualTo(5_000);
        assertThat(report.serverErrors()).as(report.details()).isZero();
        assertThat(report.successes()).as(report.details()).isZero();
        assertThat(report.nonProblem()).as(report.details()).isZero();
        sleep(Duration.ofSeconds(2)); // what a refused command wrongly stored would be relayed by now
        assertThat(pendingOutbox()).as("aggregates with unpublished events").isZero();
        assertThat(TopicEndOffsets.moved(before, offsets())).as("topics that moved").isEmpty();
    }

    private HostileReport hostile(String shelterId, String agreementId, long seed) {
        String today = Fixtures.today().toString();
        return HostileRequests.against("http://localhost:" + port)
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

    /** Once every stored event is published and the topics stand still (other contexts may still be relaying). */
    private Map<String, Long> quietOffsets() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> pendingOutbox() == 0);
        return TopicEndOffsets.settled(TestInfrastructure.get().kafkaBootstrapServers(), TOPICS, Duration.ofSeconds(1),
                Duration.ofSeconds(30));
    }

    private static Map<String, Long> offsets() {
        return TopicEndOffsets.of(TestInfrastructure.get().kafkaBootstrapServers(), TOPICS);
    }

    private long pendingOutbox() {
        return platform.getOutbox().getCollections().stream()
                .mapToLong(collection -> mongo.getCollection(collection).countDocuments(new Document("outbox.0",
                        new Document("$exists", true))))
                .sum();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

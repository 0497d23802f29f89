package org.shelters.logistics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shelters.logistics.it.LogisticsHarness.line;
import static org.shelters.logistics.it.LogisticsHarness.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shelters.platform.PlatformProperties;
import org.shelters.testsupport.HostileReport;
import org.shelters.testsupport.HostileRequests;
import org.shelters.testsupport.QuietTopics;
import org.shelters.testsupport.TestInfrastructure;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The edge's promise under a generated flood: thousands of hostile requests over every mutating
 * operation of the OpenAPI document, aimed at a signed agreement's real shipments (one planned,
 * one dispatched, so dispatch, delivery and cancellation bodies are checked where the command
 * would otherwise run), are all refused with problem+json 4xx, and not one event reaches Kafka.
 *
 * <p>Every generated request carries a real ADMIN token of the suite's issuer (ADMIN may call each
 * operation, so only the input can be refused), validated by the security chain as any other; the
 * per-caller command rate limit is raised beyond the flood in this context, so no variant is
 * answered 429 before its body is read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "platform.security.rate-limit.burst=1000000")
@WithRealInfrastructure
class HostileInputIT {

    private static final int REQUESTS_PER_SHIPMENT = 2_500;

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    PlatformProperties platform;

    @Test
    void thousandsOfHostileCommandsAreAllRefusedWithProblemJsonAndPublishNothing() throws Exception {
        LogisticsHarness api = new LogisticsHarness(port);
        String agreementId = "agr-" + UUID.randomUUID();
        String shelterId = "shelter-" + UUID.randomUUID();
        api.signAndAwait(agreementId, shelterId);
        String planned = planned(api, agreementId, shelterId);
        String dispatched = planned(api, agreementId, shelterId);
        LogisticsHarness.Response left = api.post("/api/shipments/" + dispatched + "/dispatch",
                Map.of("carrier", "Estafeta", "waybill", "WB-HOSTILE"));
        assertThat(left.status()).as(left.body().toString()).isEqualTo(200);
        QuietTopics topics = new QuietTopics(mongo.getDb(), platform.getOutbox().getCollections());
        Map<String, Long> before = topics.settle();

        HostileReport report = hostile(agreementId, shelterId, planned, 21L)
                .plus(hostile(agreementId, shelterId, dispatched, 22L));
        System.out.println(report.summary("logistics-service"));

        report.assertEveryRequestRefused(4, 5_000);
        Map<String, String> moved = topics.movedSince(before);
        assertThat(topics.pendingOutbox()).as("aggregates with unpublished events").isZero();
        assertThat(moved).as("topics that moved").isEmpty();
    }

    private static String planned(LogisticsHarness api, String agreementId, String shelterId) throws Exception {
        LogisticsHarness.Response planned = api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-HYG", 10))));
        assertThat(planned.status()).as(planned.body().toString()).isEqualTo(201);
        return planned.body().get("shipmentId").asString();
    }

    private HostileReport hostile(String agreementId, String shelterId, String shipmentId, long seed) {
        LocalDate today = LocalDate.now();
        String admin = TestInfrastructure.issuer().token("ADMIN");
        return HostileRequests.against("http://localhost:" + port)
                .bearer(() -> admin)
                .pathValues(Map.of("shipmentId", shipmentId, "agreementId", agreementId))
                // values a schema cannot tell, so each variant differs from an acceptable command in one field only
                .examples(Map.ofEntries(
                        Map.entry("agreementId", agreementId), Map.entry("shelterId", shelterId),
                        Map.entry("plannedDate", today.plusDays(2).toString()), Map.entry("commitmentLineId", "C-HYG"),
                        Map.entry("category", "HYGIENE_PRODUCTS"), Map.entry("itemCode", "HYGIENE-KIT"),
                        Map.entry("unit", "kit"), Map.entry("lot", "LOT-1"),
                        Map.entry("expiryDate", today.plusYears(2).toString()), Map.entry("overDelivery", false),
                        Map.entry("overDeliveryReason", "hostile probe"), Map.entry("carrier", "Estafeta"),
                        Map.entry("lineId", "L1"), Map.entry("quantityAccepted", 10), Map.entry("quantityRejected", 0),
                        Map.entry("receivedByRole", "shelter coordinator"), Map.entry("reason", "hostile probe")))
                .requests(REQUESTS_PER_SHIPMENT).seed(seed).run();
    }
}

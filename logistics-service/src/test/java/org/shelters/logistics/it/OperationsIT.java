package org.shelters.logistics.it;

import static org.assertj.core.api.Assertions.assertThat;
import org.shelters.testsupport.PrometheusScrape;
import static org.awaitility.Awaitility.await;
import static org.shelters.logistics.it.LogisticsHarness.json;
import static org.shelters.logistics.it.LogisticsHarness.line;
import static org.shelters.logistics.it.LogisticsHarness.logisticsEvents;
import static org.shelters.logistics.it.LogisticsHarness.medicineLine;
import static org.shelters.logistics.it.LogisticsHarness.plan;
import static org.shelters.logistics.it.LogisticsHarness.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventMetadata;
import org.shelters.events.Events;
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.agreements.AgreementTerminated;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** What operations rely on: domain metrics at /actuator/prometheus, and one trace id from the command to the reaction. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class OperationsIT extends RunningLogistics {


    private String planOk(List<Map<String, Object>> lines, Map<String, String> headers) throws Exception {
        LogisticsHarness.Response planned = api.post("/api/shipments", plan(agreementId, shelterId, lines), headers);
        assertThat(planned.status()).as(planned.body().toString()).isEqualTo(201);
        return planned.body().get("shipmentId").asString();
    }

    private void ok(String path, Map<String, Object> body) throws Exception {
        LogisticsHarness.Response r = api.post(path, body);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    }

    private void dispatch(String shipmentId) throws Exception {
        ok("/api/shipments/" + shipmentId + "/dispatch", Map.of("carrier", "Estafeta",
                "dispatchedAt", Instant.now().minusSeconds(600).toString()));
    }

    private static EventEnvelope<AgreementEvent> termination(String agreementId, String shelterId, String traceparent) {
        Instant now = Instant.now();
        return Events.envelope("/agreements-service", new AgreementTerminated(agreementId, shelterId, "shelter closed"), 2,
                new EventMetadata("corr-termination-" + UUID.randomUUID(), null, traceparent), now, now);
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-" + hex(8) + "-01";
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static String traceIdOf(String traceparent) {
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        return traceparent.substring(3, 35);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    @Test
    void shipmentsAndDeliveredItemsAreCountedWithBoundedLabelsAndTheScrapePassesPromtool() throws Exception {
        PrometheusScrape before = PrometheusScrape.of(port);
        // every category x outcome (x reason when rejected) exists before its first increment
        assertThat(before.matching("supplies_items_total", Map.of()))
                .hasSize(SupplyCategory.values().length * (1 + RejectionReason.values().length));
        assertThat(before.matching("supplies_items_total", Map.of("outcome", "accepted")))
                .allSatisfy(s -> assertThat(s.labels()).containsEntry("reason", "none"));
        assertThat(before.matching("shipments_total", Map.of())).extracting(s -> s.labels().get("event"))
                .containsExactlyInAnyOrder("planned", "dispatched", "delivered", "cancelled");

        api.signAndAwait(agreementId, shelterId);
        String delivered = planOk(List.of(medicineLine(120), line("C-HYG", 40)), Map.of());
        String cancelled = planOk(List.of(line("C-CON", 10)), Map.of());
        String inTransit = planOk(List.of(line("C-SUP", 10)), Map.of());
        dispatch(delivered);
        dispatch(inTransit);
        ok("/api/shipments/" + delivered + "/deliver", Map.of("receivedAt", Instant.now().toString(),
                "receivedByRole", "shelter coordinator", "lines", List.of(
                        Map.of("lineId", "L1", "quantityAccepted", 100, "quantityRejected", 20, "rejectionReason", "EXPIRED"),
                        Map.of("lineId", "L2", "quantityAccepted", 37, "quantityRejected", 3, "rejectionReason", "DAMAGED"))));
        ok("/api/shipments/" + cancelled + "/cancel", Map.of("reason", "duplicate plan"));
        // a refused command counts nothing
        assertThat(api.post("/api/shipments/" + cancelled + "/cancel", Map.of("reason", "again")).status()).isEqualTo(409);
        // the termination flags the dispatched shipment for follow-up
        publish(termination(agreementId, shelterId, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/shipments/" + inTransit).body().get("followUp").asBoolean());

        PrometheusScrape after = PrometheusScrape.of(port);
        assertThat(delta(before, after, "shipments_total", Map.of("event", "planned"))).isEqualTo(3);
        assertThat(delta(before, after, "shipments_total", Map.of("event", "dispatched"))).isEqualTo(2);
        assertThat(delta(before, after, "shipments_total", Map.of("event", "delivered"))).isEqualTo(1);
        assertThat(delta(before, after, "shipments_total", Map.of("event", "cancelled"))).isEqualTo(1);
        assertThat(delta(before, after, "supplies_items_total",
                Map.of("category", "MEDICINES", "outcome", "accepted", "reason", "none"))).isEqualTo(100);
        assertThat(delta(before, after, "supplies_items_total",
                Map.of("category", "MEDICINES", "outcome", "rejected", "reason", "EXPIRED"))).isEqualTo(20);
        assertThat(delta(before, after, "supplies_items_total",
                Map.of("category", "HYGIENE_PRODUCTS", "outcome", "accepted", "reason", "none"))).isEqualTo(37);
        assertThat(delta(before, after, "supplies_items_total",
                Map.of("category", "HYGIENE_PRODUCTS", "outcome", "rejected", "reason", "DAMAGED"))).isEqualTo(3);
        assertThat(delta(before, after, "supplies_items_total", Map.of())).isEqualTo(160);
        for (String family : new String[] {"shipments_total", "supplies_items_total", "shipments_follow_up"}) {
            assertThat(after.hasHelp(family)).as("HELP of %s", family).isTrue();
        }

        // the follow-up gauge is refreshed from the database every 10 s, not counted on each scrape
        long flagged = api.get("/api/shipments?followUp=true&size=1").body().get("total").asLong();
        assertThat(flagged).isPositive();
        await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(PrometheusScrape.of(port).value("shipments_follow_up")).isEqualTo(flagged));

        // last: without /usr/bin/promtool this aborts the test (an assumption), after everything else was checked
        after.assertPassesPromtool();
    }

    @Test
    void oneTraceIdFollowsACommandToItsEventAndAnAgreementEventToTheReactionItCauses(CapturedOutput output) throws Exception {
        api.signAndAwait(agreementId, shelterId);

        // HTTP command -> outbox -> logistics.v1: same trace id and correlation id
        String commandTraceId = hex(16);
        String correlationId = "corr-" + UUID.randomUUID();
        String shipmentId = planOk(List.of(line("C-HYG", 5)), Map.of("traceparent", traceparent(commandTraceId),
                "X-Correlation-Id", correlationId));
        ConsumerRecord<String, byte[]> planned = logisticsEvents(shipmentId, 1).get(0);
        JsonNode plannedEvent = json(planned);
        assertThat(plannedEvent.get("type").asString()).isEqualTo("ShipmentPlanned");
        assertThat(traceIdOf(plannedEvent.get("traceparent").asString())).isEqualTo(commandTraceId);
        assertThat(traceIdOf(header(planned, "traceparent"))).isEqualTo(commandTraceId);
        assertThat(plannedEvent.get("correlationid").asString()).isEqualTo(correlationId);

        // agreements.v1 event -> consumer -> reaction -> logistics.v1: the cause's trace id, causationid = its id
        String terminationTraceId = hex(16);
        EventEnvelope<AgreementEvent> termination = termination(agreementId, shelterId, traceparent(terminationTraceId));
        publish(termination);
        List<ConsumerRecord<String, byte[]>> events = logisticsEvents(shipmentId, 2);
        ConsumerRecord<String, byte[]> cancelled = events.get(1);
        JsonNode cancelledEvent = json(cancelled);
        assertThat(cancelledEvent.get("type").asString()).isEqualTo("ShipmentCancelled");
        assertThat(traceIdOf(cancelledEvent.get("traceparent").asString())).isEqualTo(terminationTraceId);
        assertThat(traceIdOf(header(cancelled, "traceparent"))).isEqualTo(terminationTraceId);
        assertThat(cancelledEvent.get("causationid").asString()).isEqualTo(termination.id().toString());
        assertThat(cancelledEvent.get("correlationid").asString()).isEqualTo(termination.correlationid());

        // and the reaction's log line carries the trace id, correlation id and event id (platform log pattern)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                output.getAll().lines().filter(l -> l.contains("shipment " + shipmentId + " cancelled")))
                .anySatisfy(l -> assertThat(l).contains(terminationTraceId).contains(termination.correlationid())
                        .contains(termination.id().toString())));
    }
}

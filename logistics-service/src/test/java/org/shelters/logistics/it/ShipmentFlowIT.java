package org.shelters.logistics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shelters.logistics.it.LogisticsHarness.envelope;
import static org.shelters.logistics.it.LogisticsHarness.json;
import static org.shelters.logistics.it.LogisticsHarness.line;
import static org.shelters.logistics.it.LogisticsHarness.logisticsEvents;
import static org.shelters.logistics.it.LogisticsHarness.medicineLine;
import static org.shelters.logistics.it.LogisticsHarness.plan;
import static org.shelters.logistics.it.LogisticsHarness.publish;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventSchemas;
import org.shelters.events.agreements.AgreementAmended;
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.agreements.AgreementResumed;
import org.shelters.events.agreements.AgreementSigned;
import org.shelters.events.agreements.AgreementSuspended;
import org.shelters.events.agreements.AgreementTerminated;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingSessionDelivered;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class ShipmentFlowIT extends RunningLogistics {


    static void assertValid(ConsumerRecord<String, byte[]> record) {
        assertThat(EventSchemas.shared().validate(record.value())).as(new String(record.value())).isEmpty();
    }

    LogisticsHarness.Response planOk(Map<String, Object> body) throws Exception {
        LogisticsHarness.Response planned = api.post("/api/shipments", body);
        assertThat(planned.status()).as(planned.body().toString()).isEqualTo(201);
        return planned;
    }

    LogisticsHarness.Response dispatch(String shipmentId) throws Exception {
        LogisticsHarness.Response r = api.post("/api/shipments/" + shipmentId + "/dispatch",
                Map.of("carrier", "Estafeta", "waybill", "WB-" + shipmentId.substring(4, 12)));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r;
    }

    @Test
    void aShipmentIsPlannedDispatchedAndDeliveredWithEventsThatValidateAgainstTheSharedSchemas() throws Exception {
        api.signAndAwait(agreementId, shelterId);

        LogisticsHarness.Response planned = planOk(plan(agreementId, shelterId,
                List.of(medicineLine(200), line("C-HYG", 100), line("C-CON", 20))));
        String shipmentId = planned.body().get("shipmentId").asString();
        assertThat(planned.header("Location")).isEqualTo("/api/shipments/" + shipmentId);
        assertThat(planned.body().get("status").asString()).isEqualTo("PLANNED");

        LogisticsHarness.Response current = api.get("/api/shipments/" + shipmentId);
        assertThat(current.header("ETag")).isEqualTo("\"1\"");
        LogisticsHarness.Response dispatched = api.post("/api/shipments/" + shipmentId + "/dispatch",
                Map.of("carrier", "DHL", "waybill", "WB-1001", "dispatchedAt", Instant.now().minusSeconds(3600).toString()),
                Map.of("If-Match", current.header("ETag")));
        assertThat(dispatched.status()).as(dispatched.body().toString()).isEqualTo(200);
        assertThat(dispatched.header("ETag")).isEqualTo("\"2\"");

        LogisticsHarness.Response delivered = api.post("/api/shipments/" + shipmentId + "/deliver", Map.of(
                "receivedAt", Instant.now().toString(), "receivedByRole", "shelter coordinator",
                "lines", List.of(
                        Map.of("lineId", "L1", "quantityAccepted", 190, "quantityRejected", 10, "rejectionReason", "DAMAGED"),
                        Map.of("lineId", "L2", "quantityAccepted", 100),
                        Map.of("lineId", "L3", "quantityAccepted", 15, "quantityRejected", 5, "rejectionReason", "SHORT_SHIPPED"))),
                Map.of("If-Match", "\"2\""));
        assertThat(delivered.status()).as(delivered.body().toString()).isEqualTo(200);
        assertThat(delivered.body().get("status").asString()).isEqualTo("DELIVERED");

        List<ConsumerRecord<String, byte[]>> events = logisticsEvents(shipmentId, 3);
        assertThat(events).extracting(r -> json(r).get("type").asString())
                .containsExactly("ShipmentPlanned", "SuppliesDispatched", "SuppliesDelivered");
        assertThat(events).extracting(r -> json(r).get("sequence").asLong()).containsExactly(1L, 2L, 3L);
        events.forEach(ShipmentFlowIT::assertValid);
        JsonNode pod = json(events.get(2));
        assertThat(pod.get("source").asString()).isEqualTo("/logistics-service");
        assertThat(pod.get("subject").asString()).isEqualTo(shipmentId);
        assertThat(pod.at("/data/carrier").asString()).isEqualTo("DHL");
        assertThat(pod.at("/data/dispatchedAt").asString()).isNotBlank();
        assertThat(pod.at("/data/receivedByRole").asString()).isEqualTo("shelter coordinator");
        assertThat(pod.at("/data/lines/0/rejectionReason").asString()).isEqualTo("DAMAGED");
        assertThat(pod.at("/data/lines/2/quantityRejected").decimalValue()).isEqualByComparingTo("5");
        assertThat(json(events.get(0)).at("/data/lines/0/lot").asString()).isEqualTo("LOT-2026-77");

        JsonNode outstanding = api.get("/api/agreements/" + agreementId + "/outstanding").body();
        JsonNode medicines = outstanding.get("lines").get(0);
        assertThat(medicines.get("commitmentLineId").asString()).isEqualTo("C-MED");
        assertThat(medicines.get("accepted").decimalValue()).isEqualByComparingTo("190");
        assertThat(medicines.get("inTransit").decimalValue()).isEqualByComparingTo("0");
        assertThat(medicines.get("outstanding").decimalValue()).isEqualByComparingTo("810");

        LogisticsHarness.Response again = api.post("/api/shipments/" + shipmentId + "/deliver", Map.of(
                "receivedAt", Instant.now().toString(), "receivedByRole", "shelter coordinator",
                "lines", List.of(Map.of("lineId", "L1", "quantityAccepted", 200), Map.of("lineId", "L2", "quantityAccepted", 100),
                        Map.of("lineId", "L3", "quantityAccepted", 20))));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("type").asString()).isEqualTo("urn:shelters:problem:already-delivered");
    }

    @Test
    void terminationCancelsPlannedShipmentsCausedByTheTerminationEventAndFlagsDispatchedOnesOnlyOnce() throws Exception {
        api.signAndAwait(agreementId, shelterId);
        String planned = planOk(plan(agreementId, shelterId, List.of(line("C-HYG", 50)))).body().get("shipmentId").asString();
        String inTransit = planOk(plan(agreementId, shelterId, List.of(line("C-SUP", 50)))).body().get("shipmentId").asString();
        dispatch(inTransit);

        EventEnvelope<AgreementEvent> termination = envelope(new AgreementTerminated(agreementId, shelterId, "shelter closed"), 2);
        publish(termination);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/shipments/" + planned).body().get("status").asString().equals("CANCELLED"));
        List<ConsumerRecord<String, byte[]>> events = logisticsEvents(planned, 2);
        JsonNode cancelled = json(events.get(1));
        assertThat(cancelled.get("type").asString()).isEqualTo("ShipmentCancelled");
        assertThat(cancelled.get("causationid").asString()).isEqualTo(termination.id().toString());
        assertThat(cancelled.get("correlationid").asString()).isEqualTo(termination.correlationid());
        assertThat(cancelled.at("/data/automatic").asBoolean()).isTrue();
        assertThat(cancelled.at("/data/reason").asString()).contains("shelter closed");
        assertValid(events.get(1));

        JsonNode flagged = api.get("/api/shipments/" + inTransit).body();
        assertThat(flagged.get("status").asString()).isEqualTo("DISPATCHED");
        assertThat(flagged.get("followUp").asBoolean()).isTrue();
        JsonNode followUps = api.get("/api/shipments?followUp=true&agreementId=" + agreementId).body();
        assertThat(followUps.get("total").asLong()).isEqualTo(1);
        assertThat(followUps.get("items").get(0).get("shipmentId").asString()).isEqualTo(inTransit);
        long plannedVersion = api.get("/api/shipments/" + planned).body().get("version").asLong();
        long inTransitVersion = flagged.get("version").asLong();

        // the same event again, and the same fact republished under a new id: neither changes anything
        publish(termination, envelope(new AgreementTerminated(agreementId, shelterId, "shelter closed"), 2),
                envelope(new TrainingSessionDelivered(agreementId, shelterId, "ts-1", TrainingTopic.MIGRANT_RIGHTS,
                        LocalDate.now(), 5, 4), 3));
        api.awaitReplica(agreementId, 3);
        assertThat(api.get("/api/shipments/" + planned).body().get("version").asLong()).isEqualTo(plannedVersion);
        assertThat(api.get("/api/shipments/" + inTransit).body().get("version").asLong()).isEqualTo(inTransitVersion);
        assertThat(LogisticsHarness.readAll("logistics.v1", planned)).hasSize(2);

        LogisticsHarness.Response refused = api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-HYG", 1))));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("type").asString()).isEqualTo("urn:shelters:problem:agreement-not-active");
    }

    @Test
    void aSuspendedAgreementRefusesPlanningUntilItIsResumed() throws Exception {
        api.signAndAwait(agreementId, shelterId);
        publish(envelope(new AgreementSuspended(agreementId, shelterId, "audit"), 2));
        api.awaitReplica(agreementId, 2);
        assertThat(api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-HYG", 1)))).status()).isEqualTo(409);

        publish(envelope(new AgreementResumed(agreementId, shelterId), 3));
        api.awaitReplica(agreementId, 3);
        planOk(plan(agreementId, shelterId, List.of(line("C-HYG", 1))));
    }

    @Test
    void aShipmentCommandBeforeAgreementSignedWasConsumedIsRefusedAsNotActiveThenWorks() throws Exception {
        LogisticsHarness.Response early = api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-HYG", 10))));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.contentType()).startsWith("application/problem+json");
        assertThat(early.body().get("type").asString()).isEqualTo("urn:shelters:problem:agreement-not-active");
        assertThat(api.get("/api/agreements/" + agreementId + "/outstanding").status()).isEqualTo(404);

        publish(envelope(LogisticsHarness.signed(agreementId, shelterId), 1));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-HYG", 10)))).status() == 201);
        assertThat(api.get("/api/shipments?agreementId=" + agreementId).body().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void quantitiesBeyondOutstandingAreRefusedNamingTheLineUnlessAnOverDeliveryIsRecorded() throws Exception {
        api.signAndAwait(agreementId, shelterId);
        planOk(plan(agreementId, shelterId, List.of(line("C-EQP", 3))));

        LogisticsHarness.Response refused = api.post("/api/shipments",
                plan(agreementId, shelterId, List.of(line("C-HYG", 1), line("C-EQP", 2))));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("type").asString()).isEqualTo("urn:shelters:problem:exceeds-outstanding");
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("lines[1].quantity");
        assertThat(refused.body().get("detail").asString()).contains("1 outstanding");

        Map<String, Object> over = new HashMap<>(plan(agreementId, shelterId, List.of(line("C-EQP", 2))));
        over.put("overDelivery", true);
        over.put("overDeliveryReason", "second clinic room opened");
        String shipmentId = planOk(over).body().get("shipmentId").asString();
        JsonNode event = json(logisticsEvents(shipmentId, 1).get(0));
        assertThat(event.at("/data/overDelivery").asBoolean()).isTrue();
        assertThat(event.at("/data/overDeliveryReason").asString()).isEqualTo("second clinic room opened");
        JsonNode equipment = api.get("/api/agreements/" + agreementId + "/outstanding").body().get("lines").get(2);
        assertThat(equipment.get("planned").decimalValue()).isEqualByComparingTo("5");
        assertThat(equipment.get("outstanding").decimalValue()).as("an over-delivery never makes outstanding negative")
                .isEqualByComparingTo("0");
    }

    @Test
    void plannedSuppliesShowAsPlannedNotInTransitUntilDispatchedAndOutstandingIsWhatIsLeftToPlan() throws Exception {
        publish(envelope(new AgreementSigned(agreementId, shelterId, "MX-SHELTERS-2026", "ECHO", "phase 2", 2026,
                LocalDate.now(), LogisticsHarness.terms(List.of(new CommitmentLine("C-HYG", SupplyCategory.HYGIENE_PRODUCTS,
                        "HYGIENE-KIT", "Family hygiene kit", new BigDecimal("2400"), "kit")))), 1));
        api.awaitReplica(agreementId, 1);

        String shipmentId = planOk(plan(agreementId, shelterId, List.of(line("C-HYG", 1200)))).body()
                .get("shipmentId").asString();
        JsonNode afterPlanning = hygieneLine();
        assertThat(afterPlanning.get("committed").decimalValue()).isEqualByComparingTo("2400");
        assertThat(afterPlanning.get("inTransit").decimalValue()).as("nothing left the warehouse yet").isEqualByComparingTo("0");
        assertThat(afterPlanning.get("planned").decimalValue()).isEqualByComparingTo("1200");
        assertThat(afterPlanning.get("outstanding").decimalValue()).isEqualByComparingTo("1200");

        dispatch(shipmentId);
        JsonNode afterDispatch = hygieneLine();
        assertThat(afterDispatch.get("planned").decimalValue()).isEqualByComparingTo("0");
        assertThat(afterDispatch.get("inTransit").decimalValue()).isEqualByComparingTo("1200");
        assertThat(afterDispatch.get("outstanding").decimalValue()).isEqualByComparingTo("1200");

        LogisticsHarness.Response delivered = api.post("/api/shipments/" + shipmentId + "/deliver", Map.of(
                "receivedAt", Instant.now().toString(), "receivedByRole", "shelter coordinator",
                "lines", List.of(Map.of("lineId", "L1", "quantityAccepted", 1150, "quantityRejected", 50,
                        "rejectionReason", "DAMAGED"))));
        assertThat(delivered.status()).as(delivered.body().toString()).isEqualTo(200);
        JsonNode afterDelivery = hygieneLine();
        assertThat(afterDelivery.get("inTransit").decimalValue()).isEqualByComparingTo("0");
        assertThat(afterDelivery.get("accepted").decimalValue()).isEqualByComparingTo("1150");
        assertThat(afterDelivery.get("rejected").decimalValue()).isEqualByComparingTo("50");
        assertThat(afterDelivery.get("outstanding").decimalValue()).as("the rejected kits must be replaced")
                .isEqualByComparingTo("1250");
    }

    private JsonNode hygieneLine() throws Exception {
        return api.get("/api/agreements/" + agreementId + "/outstanding").body().get("lines").get(0);
    }

    @Test
    void anAmendmentThatReducesACommitmentIsRespected() throws Exception {
        api.signAndAwait(agreementId, shelterId);
        planOk(plan(agreementId, shelterId, List.of(line("C-CON", 50))));
        List<CommitmentLine> reduced = LogisticsHarness.fiveCategories().stream()
                .map(c -> c.lineId().equals("C-CON") ? new CommitmentLine(c.lineId(), c.category(), c.itemCode(),
                        c.description(), new java.math.BigDecimal("55"), c.unit()) : c)
                .toList();
        publish(envelope(new AgreementAmended(agreementId, shelterId, 1, "cement price rise", LogisticsHarness.terms(reduced)), 2));
        api.awaitReplica(agreementId, 2);

        LogisticsHarness.Response refused = api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-CON", 6))));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("detail").asString()).contains("5 outstanding");
        planOk(plan(agreementId, shelterId, List.of(line("C-CON", 5))));
    }

    @Test
    void refusalsAreProblemDetailsThatNameTheFieldAtFault() throws Exception {
        api.signAndAwait(agreementId, shelterId);

        LogisticsHarness.Response wrongShelter = api.post("/api/shipments", plan(agreementId, "shelter-elsewhere",
                List.of(line("C-HYG", 1))));
        assertThat(wrongShelter.status()).isEqualTo(422);
        assertThat(wrongShelter.contentType()).startsWith("application/problem+json");
        assertThat(wrongShelter.body().get("errors").get(0).get("field").asString()).isEqualTo("shelterId");

        LogisticsHarness.Response noLot = api.post("/api/shipments", plan(agreementId, shelterId,
                List.of(line("C-HYG", 1), line("C-MED", 1))));
        assertThat(noLot.status()).isEqualTo(400);
        assertThat(noLot.body().get("type").asString()).isEqualTo("urn:shelters:problem:invalid-request");
        // every field at fault in one answer, not one per attempt
        assertThat(noLot.body().get("errors")).extracting(e -> e.get("field").asString())
                .containsExactly("lines[1].lot", "lines[1].expiryDate");

        LogisticsHarness.Response expired = api.post("/api/shipments", plan(agreementId, shelterId, List.of(Map.of(
                "commitmentLineId", "C-MED", "quantity", 1, "lot", "OLD", "expiryDate", LocalDate.now().minusDays(1).toString()))));
        assertThat(expired.status()).isEqualTo(422);
        assertThat(expired.body().get("type").asString()).isEqualTo("urn:shelters:problem:expired-lot");
        assertThat(expired.body().get("errors").get(0).get("field").asString()).isEqualTo("lines[0].expiryDate");

        LogisticsHarness.Response negative = api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-HYG", -3))));
        assertThat(negative.status()).as(negative.body().toString()).isEqualTo(400);
        assertThat(negative.body().get("errors").get(0).get("field").asString()).isEqualTo("lines[0].quantity");

        String shipmentId = planOk(plan(agreementId, shelterId, List.of(line("C-HYG", 10)))).body().get("shipmentId").asString();
        LogisticsHarness.Response noCarrier = api.post("/api/shipments/" + shipmentId + "/dispatch", Map.of("waybill", "W"));
        assertThat(noCarrier.status()).isEqualTo(400);
        assertThat(noCarrier.body().get("errors").get(0).get("field").asString()).isEqualTo("carrier");

        LogisticsHarness.Response stale = api.post("/api/shipments/" + shipmentId + "/dispatch", Map.of("carrier", "DHL"),
                Map.of("If-Match", "\"7\""));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().get("type").asString()).isEqualTo("urn:shelters:problem:version-conflict");

        dispatch(shipmentId);
        LogisticsHarness.Response badReason = api.post("/api/shipments/" + shipmentId + "/deliver", Map.of(
                "receivedAt", Instant.now().toString(), "receivedByRole", "coordinator",
                "lines", List.of(Map.of("lineId", "L1", "quantityAccepted", 5, "quantityRejected", 5, "rejectionReason", "LOST"))));
        assertThat(badReason.status()).isEqualTo(400);
        assertThat(badReason.body().get("errors").get(0).get("field").asString()).isEqualTo("lines[0].rejectionReason");

        LogisticsHarness.Response noReason = api.post("/api/shipments/" + shipmentId + "/deliver", Map.of(
                "receivedAt", Instant.now().toString(), "receivedByRole", "coordinator",
                "lines", List.of(Map.of("lineId", "L1", "quantityAccepted", 5, "quantityRejected", 5))));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body().get("errors").get(0).get("field").asString()).isEqualTo("lines[0].rejectionReason");

        LogisticsHarness.Response notAddingUp = api.post("/api/shipments/" + shipmentId + "/deliver", Map.of(
                "receivedAt", Instant.now().toString(), "receivedByRole", "coordinator",
                "lines", List.of(Map.of("lineId", "L1", "quantityAccepted", 5, "quantityRejected", 1, "rejectionReason", "OTHER"))));
        assertThat(notAddingUp.status()).isEqualTo(422);
        assertThat(notAddingUp.body().get("type").asString()).isEqualTo("urn:shelters:problem:quantities-do-not-add-up");

        assertThat(api.get("/api/shipments/shp-nope").status()).isEqualTo(404);
    }

    @Test
    void aNullLineIsABadRequestNamingTheLineNotAServerError() throws Exception {
        LogisticsHarness.Response plan = api.post("/api/shipments", "{\"agreementId\":\"" + agreementId
                + "\",\"shelterId\":\"" + shelterId + "\",\"plannedDate\":\"" + LocalDate.now() + "\",\"lines\":[null]}");
        assertThat(plan.status()).as(plan.body().toString()).isEqualTo(400);
        assertThat(plan.body().get("errors").get(0).get("field").asString()).startsWith("lines[0]");

        LogisticsHarness.Response deliver = api.post("/api/shipments/shp-any/deliver", "{\"receivedAt\":\"" + Instant.now()
                + "\",\"receivedByRole\":\"coordinator\",\"lines\":[null]}");
        assertThat(deliver.status()).as(deliver.body().toString()).isEqualTo(400);
        assertThat(deliver.body().get("errors").get(0).get("field").asString()).startsWith("lines[0]");
    }

    @Test
    void aRepeatedCommandWithTheSameIdempotencyKeyGetsTheSameResponseAndPublishesNoSecondEvent() throws Exception {
        api.signAndAwait(agreementId, shelterId);
        Map<String, Object> body = plan(agreementId, shelterId, List.of(line("C-HYG", 10)));
        Map<String, String> key = Map.of("Idempotency-Key", "plan-" + agreementId);

        LogisticsHarness.Response first = api.post("/api/shipments", body, key);
        LogisticsHarness.Response repeat = api.post("/api/shipments", body, key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        String shipmentId = first.body().get("shipmentId").asString();
        assertThat(api.get("/api/shipments?agreementId=" + agreementId).body().get("total").asLong()).isEqualTo(1);

        dispatch(shipmentId);
        Map<String, Object> delivery = Map.of("receivedAt", Instant.now().toString(), "receivedByRole", "coordinator",
                "lines", List.of(Map.of("lineId", "L1", "quantityAccepted", 10)));
        Map<String, String> deliveryKey = Map.of("Idempotency-Key", "pod-" + shipmentId);
        LogisticsHarness.Response pod = api.post("/api/shipments/" + shipmentId + "/deliver", delivery, deliveryKey);
        LogisticsHarness.Response podAgain = api.post("/api/shipments/" + shipmentId + "/deliver", delivery, deliveryKey);
        assertThat(pod.status()).isEqualTo(200);
        assertThat(podAgain.status()).isEqualTo(200);
        assertThat(podAgain.body()).isEqualTo(pod.body());

        logisticsEvents(shipmentId, 3);
        assertThat(LogisticsHarness.readAll("logistics.v1", shipmentId)).extracting(r -> json(r).get("type").asString())
                .containsExactly("ShipmentPlanned", "SuppliesDispatched", "SuppliesDelivered");
    }

    @Test
    void shipmentsCanBeListedByShelterStatusAndPlannedDateWithPagination() throws Exception {
        api.signAndAwait(agreementId, shelterId);
        for (int days = 1; days <= 3; days++) {
            Map<String, Object> body = new HashMap<>(plan(agreementId, shelterId, List.of(line("C-HYG", 1))));
            body.put("plannedDate", LocalDate.now().plusDays(days).toString());
            planOk(body);
        }
        JsonNode page = api.get("/api/shipments?shelterId=" + shelterId + "&status=PLANNED&size=2&page=0").body();
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("size").asInt()).isEqualTo(2);
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("items").get(0).get("plannedDate").asString()).isEqualTo(LocalDate.now().plusDays(3).toString());

        JsonNode window = api.get("/api/shipments?shelterId=" + shelterId + "&plannedFrom=" + LocalDate.now().plusDays(2)
                + "&plannedTo=" + LocalDate.now().plusDays(2)).body();
        assertThat(window.get("total").asLong()).isEqualTo(1);
        assertThat(api.get("/api/shipments?status=LOST").status()).isEqualTo(400);
        LogisticsHarness.Response tooBig = api.get("/api/shipments?size=501&page=-1");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.body().get("errors")).extracting(e -> e.get("field").asString()).containsExactly("page", "size");
    }
}

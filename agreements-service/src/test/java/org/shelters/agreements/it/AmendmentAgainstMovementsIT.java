package org.shelters.agreements.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shelters.agreements.movement.MovedQuantities;
import org.shelters.agreements.it.ShipmentEvents.Line;
import org.shelters.agreements.movement.ShipmentMovements;
import org.shelters.events.EventEnvelope;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.logistics.LogisticsEvent;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shipments published on logistics.v1 (as logistics-service would) reach agreements-service's
 * read model on the real broker and store, and the HTTP amendment is refused or accepted by what
 * they moved. The agreement is {@link Fixtures#draft}: L1 = 5000 tablets of paracetamol, L2 = 300
 * family hygiene kits.
 */
class AmendmentAgainstMovementsIT extends IntegrationTest {

    @Autowired
    ShipmentMovements movements;

    private static final Line PARACETAMOL = Line.of("L1", SupplyCategory.MEDICINES, "PARACETAMOL-500MG", "tablet", 1000);
    private static final Line KITS = Line.of("L2", SupplyCategory.HYGIENE_PRODUCTS, "HYGIENE-KIT-FAMILY", "kit", 100);

    private String signedAgreement(String shelterName) {
        String shelterId = register(shelterName, "MX-CHP", "SOUTHERN_BORDER", 120);
        String id = draft(shelterId, "movements-" + UUID.randomUUID());
        assertThat(http().post("/api/agreements/" + id + "/sign", null).status()).isEqualTo(200);
        return id;
    }

    private String shelterOf(String agreementId) {
        return http().get("/api/agreements/" + agreementId).json().get("shelterId").asString();
    }

    private Http.Response amend(String agreementId, List<Map<String, Object>> commitments) {
        return http().post("/api/agreements/" + agreementId + "/amend", Map.of("reason", "revised needs", "commitments", commitments));
    }

    private static Map<String, Object> line(String lineId, String category, String itemCode, int quantity, String unit) {
        return Map.of("lineId", lineId, "category", category, "itemCode", itemCode, "quantity", quantity, "unit", unit);
    }

    private static Map<String, Object> paracetamol(int quantity) {
        return line("L1", "MEDICINES", "PARACETAMOL-500MG", quantity, "tablet");
    }

    private static Map<String, Object> kits(int quantity) {
        return line("L2", "HYGIENE_PRODUCTS", "HYGIENE-KIT-FAMILY", quantity, "kit");
    }

    private void awaitMoved(String agreementId, Map<String, String> expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            MovedQuantities moved = movements.movedUnder(agreementId);
            expected.forEach((lineId, quantity) -> assertThat(moved.of(lineId)).as("moved on %s", lineId)
                    .isEqualByComparingTo(quantity));
        });
    }

    private static void assertRefused(Http.Response response, String type, String field, String... detail) {
        assertThat(response.status()).as(response.text()).isEqualTo(422);
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:shelters:problem:" + type);
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly(field);
        assertThat(problem.get("detail").asString()).contains(detail);
    }

    private long version(String agreementId) {
        return http().get("/api/agreements/" + agreementId).json().get("version").asLong();
    }

    @Test
    void plannedInTransitAndAcceptedQuantitiesHoldTheirLinesAndCancelledOnesDoNot() {
        String id = signedAgreement("Albergue Demo Palenque");
        String shelterId = shelterOf(id);
        // s1: 1000 tablets + 100 kits, delivered with 900 tablets accepted (100 damaged) and every kit
        ShipmentEvents delivered = new ShipmentEvents("s1-" + id, id, shelterId, PARACETAMOL.accepting(900), KITS);
        // s2: 500 tablets planned, then cancelled; s3: 50 kits planned; s4: 30 kits on their way
        ShipmentEvents cancelled = new ShipmentEvents("s2-" + id, id, shelterId, Line.of("L1", SupplyCategory.MEDICINES,
                "PARACETAMOL-500MG", "tablet", 500));
        ShipmentEvents planned = new ShipmentEvents("s3-" + id, id, shelterId, Line.of("L2", SupplyCategory.HYGIENE_PRODUCTS,
                "HYGIENE-KIT-FAMILY", "kit", 50));
        ShipmentEvents inTransit = new ShipmentEvents("s4-" + id, id, shelterId, Line.of("L2", SupplyCategory.HYGIENE_PRODUCTS,
                "HYGIENE-KIT-FAMILY", "kit", 30));
        List<EventEnvelope<LogisticsEvent>> history = new ArrayList<>(List.of(delivered.planned(), delivered.dispatched()));
        EventEnvelope<LogisticsEvent> proofOfDelivery = delivered.delivered();
        history.addAll(List.of(proofOfDelivery, cancelled.planned(), cancelled.cancelled(), planned.planned(),
                inTransit.planned(), inTransit.dispatched(), proofOfDelivery));  // the last one: a redelivery
        ShipmentEvents.publish(history);
        awaitMoved(id, Map.of("L1", "900", "L2", "180"));
        long before = version(id);

        assertRefused(amend(id, List.of(paracetamol(5000))), "line-has-movements", "commitments", "'L2'", "180 kit");
        assertRefused(amend(id, List.of(paracetamol(899), kits(300))), "below-moved-quantity", "commitments[0].quantity",
                "900 tablet", "below 900");
        assertRefused(amend(id, List.of(paracetamol(5000), kits(179))), "below-moved-quantity", "commitments[1].quantity",
                "180 kit");
        assertRefused(amend(id, List.of(line("L1", "MEDICINES", "IBUPROFEN-400MG", 5000, "tablet"), kits(300))),
                "line-identity-changed", "commitments[0].itemCode", "PARACETAMOL-500MG");
        assertThat(version(id)).as("refused amendments change nothing").isEqualTo(before);

        Http.Response lowered = amend(id, List.of(paracetamol(900), kits(180)));
        assertThat(lowered.status()).as(lowered.text()).isEqualTo(200);
        assertThat(lowered.json().get("commitments").findValuesAsString("lineId")).containsExactly("L1", "L2");
        assertThat(lowered.json().get("commitments").get(1).get("quantity").decimalValue()).isEqualByComparingTo("180");
    }

    @Test
    void aLineIsFreeToGoOnceItsOnlyShipmentIsCancelled() {
        String id = signedAgreement("Albergue Demo Comitán");
        String shelterId = shelterOf(id);
        Http.Response added = http().post("/api/agreements/" + id + "/amend", Map.of("reason", "a stretcher added",
                "commitments", List.of(paracetamol(5000), kits(300), Map.of("category", "MEDICAL_EQUIPMENT",
                        "itemCode", "STRETCHER-FOLDING", "quantity", 2, "unit", "unit"))));
        assertThat(added.status()).as(added.text()).isEqualTo(200);
        ShipmentEvents stretcher = new ShipmentEvents("s1-" + id, id, shelterId, Line.of("L3", SupplyCategory.MEDICAL_EQUIPMENT,
                "STRETCHER-FOLDING", "unit", 2));

        ShipmentEvents.publish(List.of(stretcher.planned()));
        awaitMoved(id, Map.of("L3", "2"));
        assertRefused(amend(id, List.of(paracetamol(5000), kits(300))), "line-has-movements", "commitments", "'L3'");

        ShipmentEvents.publish(List.of(stretcher.cancelled()));
        awaitMoved(id, Map.of("L3", "0"));
        Http.Response dropped = amend(id, List.of(paracetamol(5000), kits(300)));
        assertThat(dropped.status()).as(dropped.text()).isEqualTo(200);
        assertThat(dropped.json().get("commitments").findValuesAsString("lineId")).containsExactly("L1", "L2");

        // the id of the dropped stretcher line stays the stretcher's
        assertRefused(amend(id, List.of(paracetamol(5000), kits(300), line("L3", "MEDICAL_EQUIPMENT", "WHEELCHAIR", 1, "unit"))),
                "line-identity-changed", "commitments[2].itemCode", "STRETCHER-FOLDING");
    }

    /** What local-stack's AgreementsDemo does: resend the signed lines as the API showed them, add one, revise the budget. */
    @Test
    void theDemoAmendmentResendingTheSignedLinesAndAddingOneIsAccepted() {
        String shelterId = register("Albergue Demo Juchitán", "MX-OAX", "SOUTHERN_BORDER", 180);
        String id = draft(shelterId, "movements-demo-" + UUID.randomUUID());
        JsonNode signed = http().post("/api/agreements/" + id + "/sign", null).json();
        ArrayNode lines = (ArrayNode) signed.get("commitments").deepCopy();
        ObjectNode wheelchair = lines.addObject();
        wheelchair.put("category", "MEDICAL_EQUIPMENT");
        wheelchair.put("itemCode", "WHEELCHAIR");
        wheelchair.put("description", "Wheelchair for the medical room");
        wheelchair.put("quantity", 2);
        wheelchair.put("unit", "unit");

        Http.Response amended = http().post("/api/agreements/" + id + "/amend", Map.of(
                "reason", "Arrivals above plan: revised budget and a wheelchair added",
                "budget", Map.of("amount", new BigDecimal("97500"), "currency", "USD"), "commitments", lines));

        assertThat(amended.status()).as(amended.text()).isEqualTo(200);
        assertThat(amended.json().get("commitments").findValuesAsString("lineId")).containsExactly("L1", "L2", "L3");
    }
}

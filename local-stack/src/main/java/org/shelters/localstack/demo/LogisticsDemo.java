package org.shelters.localstack.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Shipments for the signed agreements, through logistics-service's own API: every supply category
 * ends up in every state across the agreements (planned, in transit, delivered with some lines
 * rejected for a reason), and one shipment is cancelled by an agreement termination.
 *
 * <p>Commitment lines are read from logistics' replica ({@code GET /api/agreements/{id}/outstanding}),
 * which also shows that logistics consumed AgreementSigned. Quantities, dates and Idempotency-Keys
 * derive from the agreement and {@link DemoContext#today()} only, so a re-run replays the same
 * requests instead of creating more shipments.
 *
 * <p>Everything here is done as {@code logistics} (a logistics officer may plan, dispatch and
 * confirm delivery), except the termination, which is a programme officer's decision.
 *
 * <p>Termination: an agreement the agreements demo leaves with status
 * {@value #TERMINATE_AFTER_LOGISTICS} gets a shipment planned first and is then terminated here
 * ({@code POST /api/agreements/{id}/terminate}); logistics must cancel the shipment automatically.
 */
public final class LogisticsDemo implements DemoStep {

    static final String TERMINATE_AFTER_LOGISTICS = "TERMINATE_AFTER_LOGISTICS";
    private static final Set<String> NOT_IN_FORCE = Set.of("DRAFT", "DRAFTED", "SUSPENDED", "TERMINATED", "EXPIRED",
            "COMPLETED", TERMINATE_AFTER_LOGISTICS);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String[] REASONS = {"DAMAGED", "EXPIRED", "SHORT_SHIPPED", "WRONG_ITEM", "OTHER"};
    private static final String[] CARRIERS = {"Estafeta", "DHL Express", "Paquetexpress", "Castores"};

    private enum Target { DELIVERED, DISPATCHED, PLANNED }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public String name() {
        return "logistics: shipments in every state, proof of delivery, cancellation by termination";
    }

    /** Shipments (plan, dispatch, proof of delivery) as {@code logistics}; the termination as {@code programme}. */
    @Override
    public void run(DemoClient demo, DemoContext context) throws Exception {
        DemoClient client = demo.as(DemoClient.LOGISTICS);
        int index = 0;
        for (Map.Entry<String, String> agreement : context.agreements().entrySet()) {
            String status = agreement.getValue() == null ? "" : agreement.getValue().toUpperCase();
            if (status.equals(TERMINATE_AFTER_LOGISTICS)) {
                terminateAfterPlanning(client, context, agreement.getKey());
            } else if (!NOT_IN_FORCE.contains(status)) {
                shipmentsFor(client, context, agreement.getKey(), index++);
            }
        }
    }

    /** One shipment per target state; category c of agreement i goes to state (c + i) mod 3. */
    private void shipmentsFor(DemoClient client, DemoContext context, String agreementId, int index) throws Exception {
        JsonNode replica = awaitReplica(client, agreementId, Set.of("SIGNED"));
        if (replica == null) {
            return;
        }
        String shelterId = replica.get("shelterId").asString();
        Map<Target, List<JsonNode>> linesByTarget = new EnumMap<>(Target.class);
        int categoryIndex = 0;
        Map<String, Integer> categoryOrdinal = new LinkedHashMap<>();
        for (String category : List.of("MEDICINES", "MEDICAL_SUPPLIES", "MEDICAL_EQUIPMENT", "HYGIENE_PRODUCTS",
                "CONSTRUCTION_MATERIALS")) {
            categoryOrdinal.put(category, categoryIndex++);
        }
        for (JsonNode line : replica.get("lines")) {
            int ordinal = categoryOrdinal.getOrDefault(line.get("category").asString(), 0);
            Target target = Target.values()[(ordinal + index) % Target.values().length];
            linesByTarget.computeIfAbsent(target, t -> new ArrayList<>()).add(line);
        }
        LocalDate today = context.today();
        for (Map.Entry<Target, List<JsonNode>> entry : linesByTarget.entrySet()) {
            Target target = entry.getKey();
            LocalDate plannedDate = target == Target.PLANNED ? today.plusDays(5 + index) : today.minusDays(4 + index);
            String key = "demo-logistics-" + agreementId + "-" + target.name().toLowerCase();
            List<Map<String, Object>> lines = new ArrayList<>();
            for (JsonNode line : entry.getValue()) {
                BigDecimal quantity = share(line.get("committed").decimalValue(), target == Target.DELIVERED ? "0.4" : "0.25");
                if (quantity.signum() > 0) {
                    lines.add(planLine(line, quantity, today, lines.size()));
                }
            }
            if (lines.isEmpty()) {
                continue;
            }
            Map<String, Object> plan = Map.of("agreementId", agreementId, "shelterId", shelterId,
                    "plannedDate", plannedDate.toString(), "lines", lines);
            JsonNode planned = client.retryOnConflict(PATIENCE,
                    () -> client.post(client.logisticsUrl() + "/api/shipments", plan, key + "-plan"));
            String shipmentId = planned.get("shipmentId").asString();
            context.shipments().add(shipmentId);
            if (target == Target.PLANNED) {
                continue;
            }
            String dispatchedAt = plannedDate.atTime(8, 30).toInstant(ZoneOffset.UTC).toString();
            client.post(client.logisticsUrl() + "/api/shipments/" + shipmentId + "/dispatch", Map.of(
                    "carrier", CARRIERS[index % CARRIERS.length],
                    "waybill", "WB-" + Math.abs((agreementId + target).hashCode()),
                    "dispatchedAt", dispatchedAt), key + "-dispatch");
            if (target == Target.DISPATCHED) {
                continue;
            }
            List<Map<String, Object>> received = new ArrayList<>();
            JsonNode shippedLines = planned.get("lines");
            for (int i = 0; i < shippedLines.size(); i++) {
                JsonNode shipped = shippedLines.get(i);
                BigDecimal quantity = shipped.get("quantity").decimalValue();
                BigDecimal rejected = i == 0 && quantity.compareTo(BigDecimal.ONE) > 0
                        ? quantity.multiply(new BigDecimal("0.1")).setScale(0, RoundingMode.CEILING) : BigDecimal.ZERO;
                Map<String, Object> receipt = new LinkedHashMap<>();
                receipt.put("lineId", shipped.get("lineId").asString());
                receipt.put("quantityAccepted", quantity.subtract(rejected));
                receipt.put("quantityRejected", rejected);
                if (rejected.signum() > 0) {
                    receipt.put("rejectionReason", REASONS[index % REASONS.length]);
                }
                received.add(receipt);
            }
            client.post(client.logisticsUrl() + "/api/shipments/" + shipmentId + "/deliver", Map.of(
                    // lead times vary by route: 1 to 3 days (never after today), arriving at different hours
                    "receivedAt", plannedDate.plusDays(1 + index % 3).atTime(10 + (index * 5) % 8, 0)
                            .toInstant(ZoneOffset.UTC).toString(),
                    "receivedByRole", "shelter coordinator",
                    "lines", received), key + "-deliver");
        }
    }

    /** Plans a shipment under a signed agreement, terminates the agreement, checks the automatic cancellation. */
    private void terminateAfterPlanning(DemoClient client, DemoContext context, String agreementId) throws Exception {
        JsonNode replica = awaitReplica(client, agreementId, Set.of("SIGNED", "TERMINATED"));
        if (replica == null || replica.get("lines").isEmpty()) {
            return;
        }
        if ("SIGNED".equals(replica.get("status").asString())) {
            JsonNode line = replica.get("lines").get(0);
            BigDecimal quantity = share(line.get("committed").decimalValue(), "0.25");
            Map<String, Object> plan = Map.of("agreementId", agreementId, "shelterId", replica.get("shelterId").asString(),
                    "plannedDate", context.today().plusDays(7).toString(),
                    "lines", List.of(planLine(line, quantity, context.today(), 0)));
            JsonNode planned = client.retryOnConflict(PATIENCE, () -> client.post(client.logisticsUrl() + "/api/shipments",
                    plan, "demo-logistics-" + agreementId + "-before-termination"));
            context.shipments().add(planned.get("shipmentId").asString());
            client.as(DemoClient.PROGRAMME).post(client.agreementsUrl() + "/api/agreements/" + agreementId + "/terminate",
                    Map.of("reason", "shelter closed by civil protection after flooding"),
                    "demo-logistics-terminate-" + agreementId);
        }
        context.agreements().put(agreementId, "TERMINATED");
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode page = client.get(client.logisticsUrl() + "/api/shipments?agreementId=" + agreementId + "&status=CANCELLED");
            if (page.get("total").asLong() > 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("agreement " + agreementId + " was terminated but its planned shipment was not "
                + "cancelled within " + PATIENCE.toSeconds() + " s");
    }

    /** Waits until logistics' replica has the agreement in one of {@code statuses}; null when it never does. */
    private static JsonNode awaitReplica(DemoClient client, String agreementId, Set<String> statuses) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                JsonNode replica = client.get(client.logisticsUrl() + "/api/agreements/" + agreementId + "/outstanding");
                if (statuses.contains(replica.get("status").asString())) {
                    return replica;
                }
            } catch (DemoClient.DemoCallFailed e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            Thread.sleep(250);
        }
    }

    private static Map<String, Object> planLine(JsonNode line, BigDecimal quantity, LocalDate today, int n) {
        Map<String, Object> planned = new LinkedHashMap<>();
        planned.put("commitmentLineId", line.get("commitmentLineId").asString());
        planned.put("category", line.get("category").asString());
        planned.put("itemCode", line.get("itemCode").asString());
        planned.put("quantity", quantity);
        planned.put("unit", line.get("unit").asString());
        if ("MEDICINES".equals(line.get("category").asString())) {
            planned.put("lot", "LOT-" + today.getYear() + "-" + (101 + n));
            planned.put("expiryDate", today.plusDays(540).toString());
        }
        return planned;
    }

    /**
     * A whole-number share of what was committed (at least 1 when 1 or more was committed), so that
     * small lines such as 2 wheelchairs still ship; each line goes into one shipment only, so this
     * never exceeds what is outstanding.
     */
    private static BigDecimal share(BigDecimal committed, String fraction) {
        BigDecimal share = committed.multiply(new BigDecimal(fraction)).setScale(0, RoundingMode.FLOOR);
        return committed.compareTo(BigDecimal.ONE) >= 0 ? share.max(BigDecimal.ONE) : share;
    }
}

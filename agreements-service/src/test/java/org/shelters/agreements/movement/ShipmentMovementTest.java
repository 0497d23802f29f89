package org.shelters.agreements.movement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.logistics.DeliveredLine;
import org.shelters.events.logistics.LogisticsEvent;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.logistics.ShipmentCancelled;
import org.shelters.events.logistics.ShipmentLine;
import org.shelters.events.logistics.ShipmentPlanned;
import org.shelters.events.logistics.SuppliesDelivered;
import org.shelters.events.logistics.SuppliesDispatched;

/** Moved per commitment line = planned (not cancelled, not dispatched) + in transit + accepted. */
class ShipmentMovementTest {

    static final Instant DISPATCHED_AT = Instant.parse("2026-05-10T14:00:00Z");

    static List<ShipmentLine> lines() {
        return List.of(new ShipmentLine("L1", "C1", SupplyCategory.MEDICINES, "PARACETAMOL-500", new BigDecimal("100"), "tablet",
                        "LOT-1", LocalDate.of(2028, 1, 1)),
                new ShipmentLine("L2", "C2", SupplyCategory.HYGIENE_PRODUCTS, "HYGIENE-KIT", new BigDecimal("40"), "kit", null, null),
                new ShipmentLine("L3", "C1", SupplyCategory.MEDICINES, "PARACETAMOL-500", new BigDecimal("25"), "tablet",
                        "LOT-2", LocalDate.of(2028, 1, 1)));
    }

    static ShipmentPlanned planned(String shipmentId) {
        return new ShipmentPlanned(shipmentId, "a-1", "shelter-1", LocalDate.of(2026, 5, 9), lines(), false, null);
    }

    static SuppliesDispatched dispatched(String shipmentId) {
        return new SuppliesDispatched(shipmentId, "a-1", "shelter-1", DISPATCHED_AT, "carrier", "WB-1", lines());
    }

    /** C1: 90 of 100 accepted (10 damaged) plus 25 of 25; C2: 40 of 40. */
    static SuppliesDelivered delivered(String shipmentId) {
        return new SuppliesDelivered(shipmentId, "a-1", "shelter-1", DISPATCHED_AT, "carrier", DISPATCHED_AT.plusSeconds(86_400),
                "SHELTER_PARTNER", List.of(
                new DeliveredLine("L1", "C1", SupplyCategory.MEDICINES, "PARACETAMOL-500", new BigDecimal("100"),
                        new BigDecimal("90"), new BigDecimal("10"), RejectionReason.DAMAGED),
                new DeliveredLine("L2", "C2", SupplyCategory.HYGIENE_PRODUCTS, "HYGIENE-KIT", new BigDecimal("40"),
                        new BigDecimal("40"), BigDecimal.ZERO, null),
                new DeliveredLine("L3", "C1", SupplyCategory.MEDICINES, "PARACETAMOL-500", new BigDecimal("25"),
                        new BigDecimal("25"), BigDecimal.ZERO, null)));
    }

    static ShipmentCancelled cancelled(String shipmentId) {
        return new ShipmentCancelled(shipmentId, "a-1", "shelter-1", "agreement terminated", true);
    }

    /** Folds events with sequences 1, 2, 3, ... in the order given. */
    static ShipmentMovement fold(LogisticsEvent... events) {
        ShipmentMovement movement = null;
        for (int i = 0; i < events.length; i++) {
            movement = ShipmentMovement.apply(movement, events[i], i + 1);
        }
        return movement;
    }

    static Map<String, String> plain(Map<String, BigDecimal> moved) {
        return moved.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stripTrailingZeros().toPlainString()));
    }

    @Test
    void aPlannedShipmentMovesItsQuantitiesPerCommitmentLine() {
        assertThat(plain(fold(planned("s-1")).moved())).containsOnly(Map.entry("C1", "125"), Map.entry("C2", "40"));
    }

    @Test
    void aDispatchedShipmentMovesWhatIsInTransit() {
        assertThat(plain(fold(planned("s-1"), dispatched("s-1")).moved())).containsOnly(Map.entry("C1", "125"), Map.entry("C2", "40"));
    }

    @Test
    void aDeliveredShipmentMovesOnlyWhatWasAccepted() {
        ShipmentMovement delivered = fold(planned("s-1"), dispatched("s-1"), delivered("s-1"));
        assertThat(delivered.stage()).isEqualTo(ShipmentMovement.Stage.DELIVERED);
        assertThat(plain(delivered.moved())).containsOnly(Map.entry("C1", "115"), Map.entry("C2", "40"));
    }

    @Test
    void aCancelledShipmentMovesNothing() {
        assertThat(fold(planned("s-1"), cancelled("s-1")).moved()).isEmpty();
    }

    @Test
    void theMovedQuantitiesOfAnAgreementAreTheSumOverItsShipments() {
        MovedQuantities moved = ShipmentMovement.total(List.of(
                fold(planned("s-1"), dispatched("s-1"), delivered("s-1")),
                fold(planned("s-2")),
                fold(planned("s-3"), cancelled("s-3"))));

        assertThat(moved.of("C1")).isEqualByComparingTo("240");
        assertThat(moved.of("C2")).isEqualByComparingTo("80");
        assertThat(moved.of("C9")).isEqualByComparingTo("0");
    }

    @Test
    void anEventAppliedAgainChangesNothing() {
        ShipmentMovement dispatched = fold(planned("s-1"), dispatched("s-1"));

        assertThat(ShipmentMovement.apply(dispatched, dispatched("s-1"), 2)).isSameAs(dispatched);
        assertThat(ShipmentMovement.apply(dispatched, planned("s-1"), 1)).isSameAs(dispatched);
        assertThat(dispatched.revision()).isEqualTo(2);
        assertThat(dispatched.sequence()).isEqualTo(2);
    }

    @Test
    void aLateEventFillsInOnlyWhatNoLaterEventSaid() {
        // the plan was dead-lettered and re-driven after the delivery: the shipment stays delivered
        ShipmentMovement deliveredFirst = ShipmentMovement.apply(null, delivered("s-1"), 3);
        ShipmentMovement thenPlan = ShipmentMovement.apply(deliveredFirst, planned("s-1"), 1);
        assertThat(thenPlan.stage()).isEqualTo(ShipmentMovement.Stage.DELIVERED);
        assertThat(plain(thenPlan.moved())).containsOnly(Map.entry("C1", "115"), Map.entry("C2", "40"));

        // a cancellation seen before its plan: the late plan brings the lines but moves nothing
        ShipmentMovement cancelledFirst = ShipmentMovement.apply(null, cancelled("s-2"), 2);
        ShipmentMovement latePlan = ShipmentMovement.apply(cancelledFirst, planned("s-2"), 1);
        assertThat(latePlan.stage()).isEqualTo(ShipmentMovement.Stage.CANCELLED);
        assertThat(latePlan.lines()).hasSize(3);
        assertThat(latePlan.moved()).isEmpty();
        assertThat(latePlan.sequence()).isEqualTo(2);
    }
}

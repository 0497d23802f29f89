package org.shelters.logistics.shipment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.logistics.DeliveredLine;
import org.shelters.events.logistics.LogisticsEvent;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.logistics.ShipmentCancelled;
import org.shelters.events.logistics.ShipmentPlanned;
import org.shelters.events.logistics.SuppliesDelivered;
import org.shelters.events.logistics.SuppliesDispatched;
import org.shelters.logistics.agreement.AgreementReplica;

/**
 * A shipment: planned -> dispatched -> delivered, or planned -> cancelled. Pure: every command
 * returns the new state and the events it caused; the caller stores both in one write.
 *
 * @param followUp       a dispatched shipment whose agreement was suspended or terminated while it
 *                       travelled: someone must decide what happens to it (cleared on delivery)
 * @param followUpReason why it was flagged (kept after delivery, for the record)
 */
public record Shipment(
        String shipmentId,
        String agreementId,
        String shelterId,
        ShipmentStatus status,
        LocalDate plannedDate,
        List<ShipmentItem> lines,
        boolean overDelivery,
        String overDeliveryReason,
        Instant dispatchedAt,
        String carrier,
        String waybill,
        Instant receivedAt,
        String receivedByRole,
        String cancellationReason,
        boolean cancelledAutomatically,
        boolean followUp,
        String followUpReason) {

    public Shipment {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** A command's outcome: the new state and its events, to be stored together. */
    public record Changed(Shipment state, List<LogisticsEvent> events) {
    }

    // ---------------------------------------------------------------- commands

    public record PlanLine(String commitmentLineId, SupplyCategory category, String itemCode, BigDecimal quantity,
                           String unit, String lot, LocalDate expiryDate) {
    }

    public record Plan(String agreementId, String shelterId, LocalDate plannedDate, List<PlanLine> lines,
                       boolean overDelivery, String overDeliveryReason) {
    }

    public record Dispatch(String carrier, String waybill, Instant dispatchedAt) {
    }

    public record LineReceipt(String lineId, BigDecimal quantityAccepted, BigDecimal quantityRejected,
                              RejectionReason rejectionReason) {
    }

    public record Deliver(Instant receivedAt, String receivedByRole, List<LineReceipt> lines) {
    }

    // ---------------------------------------------------------------- plan

    /**
     * @param agreement   the replica; null when agreements.v1 has not told us about it (yet)
     * @param outstanding what the agreement's commitment lines still have outstanding
     * @param today       the programme's current date (lots expiring on or before it are refused)
     */
    public static Changed plan(String shipmentId, Plan command, AgreementReplica agreement,
                               OutstandingQuantities outstanding, LocalDate today) {
        requireActive(command.agreementId(), agreement);
        if (command.shelterId() != null && !command.shelterId().equals(agreement.shelterId())) {
            throw ShipmentRefused.rule("wrong-shelter", "shelterId", "agreement '" + agreement.agreementId()
                    + "' supplies shelter '" + agreement.shelterId() + "', not '" + command.shelterId() + "'");
        }
        if (command.lines() == null || command.lines().isEmpty()) {
            throw ShipmentRefused.invalid("lines", "a shipment needs at least one line");
        }
        if (command.plannedDate() == null) {
            throw ShipmentRefused.invalid("plannedDate", "is required");
        }
        if (command.overDelivery() && isBlank(command.overDeliveryReason())) {
            throw ShipmentRefused.invalid("overDeliveryReason", "an over-delivery must say why");
        }
        List<ShipmentItem> items = new ArrayList<>();
        Map<String, BigDecimal> requested = new HashMap<>();
        Map<String, Integer> lastIndex = new HashMap<>();
        for (int i = 0; i < command.lines().size(); i++) {
            PlanLine line = command.lines().get(i);
            String at = "lines[" + i + "]";
            CommitmentLine commitment = agreement.commitment(line.commitmentLineId()).orElseThrow(() ->
                    ShipmentRefused.rule("unknown-commitment-line", at + ".commitmentLineId", "agreement '"
                            + agreement.agreementId() + "' has no commitment line '" + line.commitmentLineId() + "'"));
            requireMatches(at + ".category", commitment.category(), line.category());
            requireMatches(at + ".itemCode", commitment.itemCode(), line.itemCode());
            requireMatches(at + ".unit", commitment.unit(), line.unit());
            if (line.quantity() == null || line.quantity().signum() <= 0) {
                throw ShipmentRefused.invalid(at + ".quantity", "must be greater than 0");
            }
            if (commitment.category() == SupplyCategory.MEDICINES) {
                if (isBlank(line.lot())) {
                    throw ShipmentRefused.invalid(at + ".lot", "is required for MEDICINES");
                }
                if (line.expiryDate() == null) {
                    throw ShipmentRefused.invalid(at + ".expiryDate", "is required for MEDICINES");
                }
            }
            if (line.expiryDate() != null && !line.expiryDate().isAfter(today)) {
                throw ShipmentRefused.rule("expired-lot", at + ".expiryDate", "lot '" + line.lot() + "' expires on "
                        + line.expiryDate() + ": an expired lot cannot be shipped");
            }
            requested.merge(commitment.lineId(), line.quantity(), BigDecimal::add);
            lastIndex.put(commitment.lineId(), i);
            items.add(new ShipmentItem("L" + (i + 1), commitment.lineId(), commitment.category(), commitment.itemCode(),
                    line.quantity(), commitment.unit(), blankToNull(line.lot()), line.expiryDate(), null, null, null));
        }
        if (!command.overDelivery()) {
            for (Map.Entry<String, BigDecimal> entry : requested.entrySet()) {
                BigDecimal left = outstanding.line(entry.getKey()).map(LineBalance::outstanding).orElse(BigDecimal.ZERO);
                if (entry.getValue().compareTo(left) > 0) {
                    throw ShipmentRefused.rule("exceeds-outstanding", "lines[" + lastIndex.get(entry.getKey()) + "].quantity",
                            "commitment line '" + entry.getKey() + "' has " + left.max(BigDecimal.ZERO).toPlainString()
                                    + " outstanding (committed - accepted - in transit), " + entry.getValue().toPlainString()
                                    + " requested; set overDelivery with a reason to ship more deliberately");
                }
            }
        }
        String reason = command.overDelivery() ? command.overDeliveryReason().strip() : null;
        Shipment planned = new Shipment(shipmentId, agreement.agreementId(), agreement.shelterId(), ShipmentStatus.PLANNED,
                command.plannedDate(), items, command.overDelivery(), reason, null, null, null, null, null, null, false,
                false, null);
        return new Changed(planned, List.of(new ShipmentPlanned(shipmentId, planned.agreementId, planned.shelterId,
                planned.plannedDate, items.stream().map(ShipmentItem::toEvent).toList(), planned.overDelivery, reason)));
    }

    // ---------------------------------------------------------------- dispatch

    public Changed dispatch(Dispatch command, AgreementReplica agreement, Instant now, LocalDate today) {
        requireStatus(ShipmentStatus.PLANNED, "dispatched");
        requireActive(agreementId, agreement);
        if (isBlank(command.carrier())) {
            throw ShipmentRefused.invalid("carrier", "is required");
        }
        Instant at = command.dispatchedAt() != null ? command.dispatchedAt() : now;
        if (at.isAfter(now.plusSeconds(300))) {
            throw ShipmentRefused.rule("dispatch-in-future", "dispatchedAt", "dispatchedAt " + at + " is in the future");
        }
        for (int i = 0; i < lines.size(); i++) {
            ShipmentItem item = lines.get(i);
            if (item.expiryDate() != null && !item.expiryDate().isAfter(today)) {
                throw ShipmentRefused.rule("expired-lot", "lines[" + i + "].expiryDate", "lot '" + item.lot()
                        + "' expired on " + item.expiryDate() + " after planning: re-plan with another lot");
            }
        }
        String waybill = blankToNull(command.waybill());
        Shipment dispatched = new Shipment(shipmentId, agreementId, shelterId, ShipmentStatus.DISPATCHED, plannedDate, lines,
                overDelivery, overDeliveryReason, at, command.carrier().strip(), waybill, null, null, null, false,
                followUp, followUpReason);
        return new Changed(dispatched, List.of(new SuppliesDispatched(shipmentId, agreementId, shelterId, at,
                dispatched.carrier, waybill, lines.stream().map(ShipmentItem::toEvent).toList())));
    }

    // ---------------------------------------------------------------- deliver

    /**
     * Proof of delivery: every line exactly once, accepted + rejected = shipped, a reason for any
     * rejection. Delivery is not refused for a suspended or terminated agreement: the goods arrived.
     */
    public Changed deliver(Deliver command, Instant now) {
        if (status == ShipmentStatus.DELIVERED) {
            throw ShipmentRefused.conflict("already-delivered", "shipment '" + shipmentId
                    + "' was already confirmed as delivered; a delivery is confirmed once");
        }
        requireStatus(ShipmentStatus.DISPATCHED, "delivered");
        if (command.receivedAt() == null) {
            throw ShipmentRefused.invalid("receivedAt", "is required");
        }
        if (isBlank(command.receivedByRole())) {
            throw ShipmentRefused.invalid("receivedByRole", "is required");
        }
        if (command.receivedAt().isBefore(dispatchedAt)) {
            throw ShipmentRefused.rule("received-before-dispatch", "receivedAt", "receivedAt " + command.receivedAt()
                    + " is before dispatchedAt " + dispatchedAt);
        }
        if (command.receivedAt().isAfter(now.plusSeconds(300))) {
            throw ShipmentRefused.rule("received-in-future", "receivedAt", "receivedAt " + command.receivedAt()
                    + " is in the future");
        }
        List<LineReceipt> receipts = command.lines() == null ? List.of() : command.lines();
        Map<String, Integer> receiptIndex = new HashMap<>();
        Set<String> known = new HashSet<>(lines.stream().map(ShipmentItem::lineId).toList());
        for (int i = 0; i < receipts.size(); i++) {
            String lineId = receipts.get(i).lineId();
            if (lineId == null || !known.contains(lineId)) {
                throw ShipmentRefused.invalid("lines[" + i + "].lineId", "shipment '" + shipmentId + "' has no line '"
                        + lineId + "'");
            }
            if (receiptIndex.put(lineId, i) != null) {
                throw ShipmentRefused.invalid("lines[" + i + "].lineId", "line '" + lineId + "' is confirmed twice");
            }
        }
        List<ShipmentItem> received = new ArrayList<>();
        for (ShipmentItem item : lines) {
            Integer i = receiptIndex.get(item.lineId());
            if (i == null) {
                throw ShipmentRefused.invalid("lines", "line '" + item.lineId() + "' is not confirmed: every line needs"
                        + " its accepted and rejected quantities");
            }
            LineReceipt receipt = receipts.get(i);
            String at = "lines[" + i + "]";
            BigDecimal accepted = receipt.quantityAccepted();
            BigDecimal rejected = receipt.quantityRejected() == null ? BigDecimal.ZERO : receipt.quantityRejected();
            if (accepted == null) {
                throw ShipmentRefused.invalid(at + ".quantityAccepted", "is required");
            }
            if (accepted.signum() < 0) {
                throw ShipmentRefused.invalid(at + ".quantityAccepted", "cannot be negative");
            }
            if (rejected.signum() < 0) {
                throw ShipmentRefused.invalid(at + ".quantityRejected", "cannot be negative");
            }
            if (accepted.add(rejected).compareTo(item.quantity()) != 0) {
                throw ShipmentRefused.rule("quantities-do-not-add-up", at + ".quantityRejected", "line '" + item.lineId()
                        + "': accepted " + accepted.toPlainString() + " + rejected " + rejected.toPlainString()
                        + " must equal shipped " + item.quantity().toPlainString());
            }
            if (rejected.signum() > 0 && receipt.rejectionReason() == null) {
                throw ShipmentRefused.rule("rejection-needs-reason", at + ".rejectionReason", "line '" + item.lineId()
                        + "': a rejected quantity needs a reason (DAMAGED, EXPIRED, SHORT_SHIPPED, WRONG_ITEM, OTHER)");
            }
            RejectionReason reason = rejected.signum() > 0 ? receipt.rejectionReason() : null;
            received.add(item.received(accepted, rejected, reason));
        }
        Shipment delivered = new Shipment(shipmentId, agreementId, shelterId, ShipmentStatus.DELIVERED, plannedDate, received,
                overDelivery, overDeliveryReason, dispatchedAt, carrier, waybill, command.receivedAt(),
                command.receivedByRole().strip(), null, false, false, followUpReason);
        List<DeliveredLine> delivered0 = received.stream().map(ShipmentItem::toDelivered).toList();
        return new Changed(delivered, List.of(new SuppliesDelivered(shipmentId, agreementId, shelterId, dispatchedAt, carrier,
                command.receivedAt(), delivered.receivedByRole, delivered0)));
    }

    // ---------------------------------------------------------------- cancel

    /** A logistics officer cancels a planned shipment. */
    public Changed cancel(String reason) {
        if (isBlank(reason)) {
            throw ShipmentRefused.invalid("reason", "a cancellation must say why");
        }
        requireStatus(ShipmentStatus.PLANNED, "cancelled");
        return cancelled(reason.strip(), false);
    }

    /**
     * The reaction to a suspended or terminated agreement: planned shipments are cancelled,
     * dispatched ones flagged for follow-up; anything else is left as it is. Returns null when
     * nothing changes, which makes the reaction idempotent.
     */
    public Changed agreementStopped(String why) {
        if (status == ShipmentStatus.PLANNED) {
            return cancelled(why, true);
        }
        if (status == ShipmentStatus.DISPATCHED && !followUp) {
            return new Changed(new Shipment(shipmentId, agreementId, shelterId, status, plannedDate, lines, overDelivery,
                    overDeliveryReason, dispatchedAt, carrier, waybill, receivedAt, receivedByRole, cancellationReason,
                    cancelledAutomatically, true, why), List.of());
        }
        return null;
    }

    private Changed cancelled(String reason, boolean automatic) {
        Shipment cancelled = new Shipment(shipmentId, agreementId, shelterId, ShipmentStatus.CANCELLED, plannedDate, lines,
                overDelivery, overDeliveryReason, dispatchedAt, carrier, waybill, receivedAt, receivedByRole, reason,
                automatic, followUp, followUpReason);
        return new Changed(cancelled, List.of(new ShipmentCancelled(shipmentId, agreementId, shelterId, reason, automatic)));
    }

    // ---------------------------------------------------------------- helpers

    private void requireStatus(ShipmentStatus required, String verb) {
        if (status != required) {
            throw ShipmentRefused.conflict("illegal-transition", "shipment '" + shipmentId + "' is " + status
                    + " and cannot be " + verb + " (only a " + required + " shipment can)");
        }
    }

    private static void requireActive(String agreementId, AgreementReplica agreement) {
        if (agreement == null) {
            throw ShipmentRefused.agreementNotActive(agreementId, "is not known to logistics (yet)");
        }
        if (!agreement.status().allowsShipments()) {
            throw ShipmentRefused.agreementNotActive(agreementId, "is " + agreement.status());
        }
    }

    private static void requireMatches(String field, Object committed, Object given) {
        if (given != null && !given.equals(committed)) {
            throw ShipmentRefused.rule("does-not-match-commitment", field, "is '" + given + "' but the commitment line says '"
                    + committed + "'");
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String blankToNull(String text) {
        return isBlank(text) ? null : text.strip();
    }
}

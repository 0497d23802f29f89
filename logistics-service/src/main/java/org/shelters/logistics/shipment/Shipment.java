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
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.logistics.ShipmentCancelled;
import org.shelters.events.logistics.ShipmentLine;
import org.shelters.events.logistics.ShipmentPlanned;
import org.shelters.events.logistics.SuppliesDelivered;
import org.shelters.events.logistics.SuppliesDispatched;
import org.shelters.logistics.agreement.AgreementReplica;
import org.shelters.platform.domain.Decision;
import org.shelters.platform.domain.Refusal;
import org.shelters.platform.domain.Violations;

/**
 * A shipment: planned -> dispatched -> delivered, or planned -> cancelled. Pure: every command
 * returns a {@link Decision} (the new state and the events it caused) or throws a {@link Refusal};
 * the caller stores state and events in one write.
 *
 * <p>A command collects every malformed field ({@link Violations}) and refuses them together in
 * one 400 before it applies any programme rule (422, one at a time), so a client fixes its request
 * in one round trip. Whether the state allows the command at all (409) is checked first.
 *
 * @param followUp       a dispatched shipment whose agreement stopped (suspended, terminated, expired,
 *                       completed) while it travelled: someone must decide what happens to it
 *                       (cleared on delivery)
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

    /** Dispatch and delivery times may run ahead of our clock by this much (clock skew of the reporting device). */
    private static final long CLOCK_SKEW_SECONDS = 300;

    public Shipment {
        lines = lines == null ? List.of() : List.copyOf(lines);
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
    public static Decision<Shipment> plan(String shipmentId, Plan command, AgreementReplica agreement,
                                          OutstandingQuantities outstanding, LocalDate today) {
        requireActive(command.agreementId(), agreement);
        List<PlanLine> lines = command.lines() == null ? List.of() : command.lines();
        validatePlan(command, lines, agreement);
        if (command.shelterId() != null && !command.shelterId().equals(agreement.shelterId())) {
            throw Refusal.rule("wrong-shelter", "shelterId", "agreement '" + agreement.agreementId()
                    + "' supplies shelter '" + agreement.shelterId() + "', not '" + command.shelterId() + "'");
        }
        List<ShipmentItem> items = new ArrayList<>();
        Map<String, BigDecimal> requested = new HashMap<>();
        Map<String, Integer> lastIndex = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            PlanLine line = lines.get(i);
            String at = "lines[" + i + "]";
            CommitmentLine commitment = agreement.commitment(line.commitmentLineId()).orElseThrow(() ->
                    Refusal.rule("unknown-commitment-line", at + ".commitmentLineId", "agreement '"
                            + agreement.agreementId() + "' has no commitment line '" + line.commitmentLineId() + "'"));
            requireMatches(at + ".category", commitment.category(), line.category());
            requireMatches(at + ".itemCode", commitment.itemCode(), line.itemCode());
            requireMatches(at + ".unit", commitment.unit(), line.unit());
            if (line.expiryDate() != null && !line.expiryDate().isAfter(today)) {
                throw Refusal.rule("expired-lot", at + ".expiryDate", "lot '" + line.lot() + "' expires on "
                        + line.expiryDate() + ": an expired lot cannot be shipped");
            }
            requested.merge(commitment.lineId(), line.quantity(), BigDecimal::add);
            lastIndex.put(commitment.lineId(), i);
            items.add(ShipmentItem.planned("L" + (i + 1), commitment, line.quantity(), blankToNull(line.lot()),
                    line.expiryDate()));
        }
        if (!command.overDelivery()) {
            requireOutstanding(requested, lastIndex, outstanding);
        }
        String reason = command.overDelivery() ? command.overDeliveryReason().strip() : null;
        Shipment planned = planned(shipmentId, agreement, command.plannedDate(), items, command.overDelivery(), reason);
        return Decision.of(planned, new ShipmentPlanned(shipmentId, planned.agreementId, planned.shelterId,
                planned.plannedDate, planned.eventLines(), planned.overDelivery, reason));
    }

    /** Every malformed field of a plan in one refusal; MEDICINES lines need a lot and an expiry date. */
    private static void validatePlan(Plan command, List<PlanLine> lines, AgreementReplica agreement) {
        Violations violations = new Violations();
        violations.require(!lines.isEmpty(), "lines", "a shipment needs at least one line");
        violations.notNull(command.plannedDate(), "plannedDate");
        violations.require(!command.overDelivery() || !isBlank(command.overDeliveryReason()), "overDeliveryReason",
                "an over-delivery must say why");
        for (int i = 0; i < lines.size(); i++) {
            PlanLine line = lines.get(i);
            String at = "lines[" + i + "]";
            if (!violations.notNull(line, at)) {
                continue;
            }
            violations.positive(line.quantity(), at + ".quantity");
            boolean medicine = agreement.commitment(line.commitmentLineId())
                    .map(c -> c.category() == SupplyCategory.MEDICINES).orElse(false);
            if (medicine) {
                violations.require(!isBlank(line.lot()), at + ".lot", "is required for MEDICINES");
                violations.require(line.expiryDate() != null, at + ".expiryDate", "is required for MEDICINES");
            }
        }
        violations.throwIfAny();
    }

    /** Per commitment line, all lines of this shipment together; reported on the last line that adds to it. */
    private static void requireOutstanding(Map<String, BigDecimal> requested, Map<String, Integer> lastIndex,
                                           OutstandingQuantities outstanding) {
        for (Map.Entry<String, BigDecimal> entry : requested.entrySet()) {
            BigDecimal left = outstanding.line(entry.getKey()).map(LineBalance::outstanding).orElse(BigDecimal.ZERO);
            if (entry.getValue().compareTo(left) > 0) {
                throw Refusal.rule("exceeds-outstanding", "lines[" + lastIndex.get(entry.getKey()) + "].quantity",
                        "commitment line '" + entry.getKey() + "' has " + left.max(BigDecimal.ZERO).toPlainString()
                                + " outstanding (committed - accepted - planned - in transit), " + entry.getValue().toPlainString()
                                + " requested; set overDelivery with a reason to ship more deliberately");
            }
        }
    }

    // ---------------------------------------------------------------- dispatch

    public Decision<Shipment> dispatch(Dispatch command, AgreementReplica agreement, Instant now, LocalDate today) {
        requireStatus(ShipmentStatus.PLANNED, "dispatched");
        requireActive(agreementId, agreement);
        if (isBlank(command.carrier())) {
            throw Refusal.invalid("carrier", "is required");
        }
        Instant at = command.dispatchedAt() != null ? command.dispatchedAt() : now;
        if (at.isAfter(now.plusSeconds(CLOCK_SKEW_SECONDS))) {
            throw Refusal.rule("dispatch-in-future", "dispatchedAt", "dispatchedAt " + at + " is in the future");
        }
        // checked again because a lot valid at planning may have expired while the shipment waited
        for (int i = 0; i < lines.size(); i++) {
            ShipmentItem item = lines.get(i);
            if (item.expiryDate() != null && !item.expiryDate().isAfter(today)) {
                throw Refusal.rule("expired-lot", "lines[" + i + "].expiryDate", "lot '" + item.lot()
                        + "' expired on " + item.expiryDate() + " after planning: re-plan with another lot");
            }
        }
        Shipment dispatched = dispatched(at, command.carrier().strip(), blankToNull(command.waybill()));
        return Decision.of(dispatched, new SuppliesDispatched(shipmentId, agreementId, shelterId, at,
                dispatched.carrier, dispatched.waybill, eventLines()));
    }

    // ---------------------------------------------------------------- deliver

    /**
     * Proof of delivery: every line exactly once, and per line the rule of {@link DeliveredLine#check}
     * (accepted + rejected = shipped, a reason for any rejection). Delivery is not refused for an
     * agreement that stopped: the goods arrived.
     */
    public Decision<Shipment> deliver(Deliver command, Instant now) {
        if (status == ShipmentStatus.DELIVERED) {
            throw Refusal.conflict("already-delivered", "shipment '" + shipmentId
                    + "' was already confirmed as delivered; a delivery is confirmed once");
        }
        requireStatus(ShipmentStatus.DISPATCHED, "delivered");
        List<LineReceipt> receipts = command.lines() == null ? List.of() : command.lines();
        Map<String, Integer> receiptIndex = validateDelivery(command, receipts);
        if (command.receivedAt().isBefore(dispatchedAt)) {
            throw Refusal.rule("received-before-dispatch", "receivedAt", "receivedAt " + command.receivedAt()
                    + " is before dispatchedAt " + dispatchedAt);
        }
        if (command.receivedAt().isAfter(now.plusSeconds(CLOCK_SKEW_SECONDS))) {
            throw Refusal.rule("received-in-future", "receivedAt", "receivedAt " + command.receivedAt()
                    + " is in the future");
        }
        List<ShipmentItem> received = new ArrayList<>();
        for (ShipmentItem item : lines) {
            int i = receiptIndex.get(item.lineId());
            received.add(receive(item, receipts.get(i), "lines[" + i + "]"));
        }
        Shipment delivered = delivered(received, command.receivedAt(), command.receivedByRole().strip());
        return Decision.of(delivered, new SuppliesDelivered(shipmentId, agreementId, shelterId, dispatchedAt, carrier,
                delivered.receivedAt, delivered.receivedByRole, received.stream().map(ShipmentItem::toDelivered).toList()));
    }

    /**
     * Every malformed field of a proof of delivery in one refusal: the quantities must be present
     * and not negative before {@link DeliveredLine#check} can judge whether they add up.
     *
     * @return for each shipment line, the index of the receipt that confirms it
     */
    private Map<String, Integer> validateDelivery(Deliver command, List<LineReceipt> receipts) {
        Violations violations = new Violations();
        violations.notNull(command.receivedAt(), "receivedAt");
        violations.notBlank(command.receivedByRole(), "receivedByRole");
        Set<String> known = new HashSet<>(lines.stream().map(ShipmentItem::lineId).toList());
        Map<String, Integer> receiptIndex = new HashMap<>();
        for (int i = 0; i < receipts.size(); i++) {
            LineReceipt receipt = receipts.get(i);
            String at = "lines[" + i + "]";
            if (!violations.notNull(receipt, at)) {
                continue;
            }
            String lineId = receipt.lineId();
            if (lineId == null || !known.contains(lineId)) {
                violations.add(at + ".lineId", "shipment '" + shipmentId + "' has no line '" + lineId + "'");
            } else if (receiptIndex.putIfAbsent(lineId, i) != null) {
                violations.add(at + ".lineId", "line '" + lineId + "' is confirmed twice");
            }
            if (violations.notNull(receipt.quantityAccepted(), at + ".quantityAccepted")) {
                violations.require(receipt.quantityAccepted().signum() >= 0, at + ".quantityAccepted", "must not be negative");
            }
            if (receipt.quantityRejected() != null) {
                violations.require(receipt.quantityRejected().signum() >= 0, at + ".quantityRejected", "must not be negative");
            }
        }
        for (ShipmentItem item : lines) {
            violations.require(receiptIndex.containsKey(item.lineId()), "lines", "line '" + item.lineId()
                    + "' is not confirmed: every line needs its accepted and rejected quantities");
        }
        violations.throwIfAny();
        return receiptIndex;
    }

    /** One confirmed line; the rule itself is the shared event's, so logistics and its consumers agree on it. */
    private static ShipmentItem receive(ShipmentItem item, LineReceipt receipt, String at) {
        BigDecimal accepted = receipt.quantityAccepted();
        BigDecimal rejected = receipt.quantityRejected() == null ? BigDecimal.ZERO : receipt.quantityRejected();
        for (DeliveredLine.Breach breach : DeliveredLine.check(item.quantity(), accepted, rejected,
                receipt.rejectionReason() != null)) {
            String type = DeliveredLine.REASON_FIELD.equals(breach.field()) ? "rejection-needs-reason"
                    : "quantities-do-not-add-up";
            throw Refusal.rule(type, at + "." + breach.field(), "line '" + item.lineId() + "': " + breach.message());
        }
        // a reason sent with nothing rejected says nothing: it is not recorded
        return item.received(accepted, rejected, rejected.signum() > 0 ? receipt.rejectionReason() : null);
    }

    // ---------------------------------------------------------------- cancel

    /** A logistics officer cancels a planned shipment. */
    public Decision<Shipment> cancel(String reason) {
        if (isBlank(reason)) {
            throw Refusal.invalid("reason", "a cancellation must say why");
        }
        requireStatus(ShipmentStatus.PLANNED, "cancelled");
        return cancellation(reason.strip(), false);
    }

    /**
     * The reaction to an agreement that stopped: planned shipments are cancelled (with an
     * event), dispatched ones flagged for follow-up (a state change without an event); anything else
     * is left as it is ({@link Decision#unchanged}), which makes the reaction idempotent.
     */
    public Decision<Shipment> agreementStopped(String why) {
        if (status == ShipmentStatus.PLANNED) {
            return cancellation(why, true);
        }
        if (status == ShipmentStatus.DISPATCHED && !followUp) {
            return new Decision<>(flaggedForFollowUp(why), List.of());
        }
        return Decision.unchanged(this);
    }

    private Decision<Shipment> cancellation(String reason, boolean automatic) {
        return Decision.of(cancelled(reason, automatic),
                new ShipmentCancelled(shipmentId, agreementId, shelterId, reason, automatic));
    }

    // ---------------------------------------------------------------- states, one per transition

    /** For whom and what comes from the agreement, never from the request. */
    private static Shipment planned(String shipmentId, AgreementReplica agreement, LocalDate plannedDate,
                                    List<ShipmentItem> items, boolean overDelivery, String overDeliveryReason) {
        return new Shipment(shipmentId, agreement.agreementId(), agreement.shelterId(), ShipmentStatus.PLANNED, plannedDate,
                items, overDelivery, overDeliveryReason, null, null, null, null, null, null, false, false, null);
    }

    private Shipment dispatched(Instant at, String carrier, String waybill) {
        return new Shipment(shipmentId, agreementId, shelterId, ShipmentStatus.DISPATCHED, plannedDate, lines,
                overDelivery, overDeliveryReason, at, carrier, waybill, receivedAt, receivedByRole, cancellationReason,
                cancelledAutomatically, followUp, followUpReason);
    }

    /** The follow-up flag is cleared (the goods arrived), its reason kept for the record. */
    private Shipment delivered(List<ShipmentItem> received, Instant at, String byRole) {
        return new Shipment(shipmentId, agreementId, shelterId, ShipmentStatus.DELIVERED, plannedDate, received,
                overDelivery, overDeliveryReason, dispatchedAt, carrier, waybill, at, byRole, cancellationReason,
                cancelledAutomatically, false, followUpReason);
    }

    private Shipment cancelled(String reason, boolean automatic) {
        return new Shipment(shipmentId, agreementId, shelterId, ShipmentStatus.CANCELLED, plannedDate, lines,
                overDelivery, overDeliveryReason, dispatchedAt, carrier, waybill, receivedAt, receivedByRole, reason,
                automatic, followUp, followUpReason);
    }

    private Shipment flaggedForFollowUp(String why) {
        return new Shipment(shipmentId, agreementId, shelterId, status, plannedDate, lines, overDelivery,
                overDeliveryReason, dispatchedAt, carrier, waybill, receivedAt, receivedByRole, cancellationReason,
                cancelledAutomatically, true, why);
    }

    // ---------------------------------------------------------------- helpers

    private List<ShipmentLine> eventLines() {
        return lines.stream().map(ShipmentItem::toEvent).toList();
    }

    private void requireStatus(ShipmentStatus required, String verb) {
        if (status != required) {
            throw Refusal.conflict("illegal-transition", "shipment '" + shipmentId + "' is " + status
                    + " and cannot be " + verb + " (only a " + required + " shipment can)");
        }
    }

    private static void requireActive(String agreementId, AgreementReplica agreement) {
        if (agreement == null) {
            throw agreementNotActive(agreementId, "is not known to logistics (yet)");
        }
        if (!agreement.status().allowsShipments()) {
            throw agreementNotActive(agreementId, "is " + agreement.status());
        }
    }

    /** 409, not 422: the agreement may become active (signed, resumed, or simply consumed), then a retry works. */
    static Refusal agreementNotActive(String agreementId, String why) {
        return Refusal.conflict("agreement-not-active", "agreement '" + agreementId + "' " + why
                + "; shipments can be planned and dispatched only under a signed agreement in force");
    }

    private static void requireMatches(String field, Object committed, Object given) {
        if (given != null && !given.equals(committed)) {
            throw Refusal.rule("does-not-match-commitment", field, "is '" + given + "' but the commitment line says '"
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

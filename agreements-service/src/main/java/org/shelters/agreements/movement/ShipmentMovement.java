package org.shelters.agreements.movement;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shelters.events.EventSwitch;
import org.shelters.events.logistics.DeliveredLine;
import org.shelters.events.logistics.LogisticsEvent;
import org.shelters.events.logistics.ShipmentCancelled;
import org.shelters.events.logistics.ShipmentLine;
import org.shelters.events.logistics.ShipmentPlanned;
import org.shelters.events.logistics.SuppliesDelivered;
import org.shelters.events.logistics.SuppliesDispatched;

/**
 * What agreements knows of one shipment, built only from logistics.v1: enough to say how much it
 * moves against each commitment line of its agreement, nothing more.
 *
 * <p>Folded by envelope {@code sequence} and safe under redelivery and late events: the stage and
 * the lines each carry the sequence of the event that set them, and an event sets them only if it
 * is newer. So an event applied twice changes nothing, and a dead-lettered event replayed after
 * later ones (shared-events README, "Late events") fills in only what no later event said — a late
 * ShipmentPlanned never turns a delivered shipment back into a planned one.
 *
 * @param stage          where the shipment is
 * @param stageSequence  the sequence of the event that set {@code stage}
 * @param lines          per shipment line: its commitment line, the quantity shipped and, once delivered, accepted
 * @param linesSequence  the sequence of the event whose lines {@code lines} are (planned, dispatched
 *                       and delivered all carry them; the newest wins)
 * @param sequence       the highest sequence applied
 * @param revision       how many events changed this document: its write guard
 */
public record ShipmentMovement(
        String shipmentId,
        String agreementId,
        Stage stage,
        long stageSequence,
        List<Line> lines,
        long linesSequence,
        long sequence,
        long revision) {

    /** The shipment's life: planned -> dispatched -> delivered, or planned -> cancelled. */
    public enum Stage { PLANNED, DISPATCHED, DELIVERED, CANCELLED }

    /** @param accepted null until the proof of delivery says it */
    public record Line(String commitmentLineId, BigDecimal quantity, BigDecimal accepted) {
    }

    /** Each logistics event states the stage it brings; those carrying lines restate them in full. */
    private static final EventSwitch<LogisticsEvent, Fold> APPLY = EventSwitch.over(LogisticsEvent.class, Fold.class)
            .on(ShipmentPlanned.class, (fold, planned) -> fold.stage(Stage.PLANNED).lines(shipped(planned.lines())))
            .on(SuppliesDispatched.class, (fold, dispatched) -> fold.stage(Stage.DISPATCHED).lines(shipped(dispatched.lines())))
            .on(SuppliesDelivered.class, (fold, delivered) -> fold.stage(Stage.DELIVERED).lines(received(delivered.lines())))
            .on(ShipmentCancelled.class, (fold, cancelled) -> fold.stage(Stage.CANCELLED))
            .build();

    public ShipmentMovement {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /**
     * The shipment after {@code event} (envelope sequence {@code sequence}); {@code current} is null
     * for a shipment not seen before.
     *
     * @return {@code current} itself when the event changes nothing (a redelivery)
     */
    public static ShipmentMovement apply(ShipmentMovement current, LogisticsEvent event, long sequence) {
        ShipmentMovement before = current != null ? current
                : new ShipmentMovement(event.shipmentId(), event.agreementId(), null, 0, List.of(), 0, 0, 0);
        Fold fold = new Fold(before, sequence);
        APPLY.apply(fold, event);
        if (current != null && !fold.changed) {
            return current;
        }
        return new ShipmentMovement(before.shipmentId, before.agreementId, fold.stage, fold.stageSequence, fold.lines,
                fold.linesSequence, Math.max(before.sequence, sequence), before.revision + 1);
    }

    /**
     * What this shipment moves against each commitment line: its quantities while planned or in
     * transit, what was accepted once delivered, nothing once cancelled. (A stage is always set by
     * the event that brought it, and a delivery brings the accepted quantities with it.)
     */
    public Map<String, BigDecimal> moved() {
        Map<String, BigDecimal> moved = new HashMap<>();
        if (stage == null || stage == Stage.CANCELLED) {
            return moved;
        }
        for (Line line : lines) {
            BigDecimal quantity = stage == Stage.DELIVERED ? line.accepted() : line.quantity();
            if (quantity != null && quantity.signum() > 0) {
                moved.merge(line.commitmentLineId(), quantity, BigDecimal::add);
            }
        }
        return moved;
    }

    /** The moved quantity per commitment line of all these shipments together (one agreement's). */
    public static MovedQuantities total(Collection<ShipmentMovement> shipments) {
        Map<String, BigDecimal> total = new HashMap<>();
        shipments.forEach(shipment -> shipment.moved().forEach((line, quantity) -> total.merge(line, quantity, BigDecimal::add)));
        return new MovedQuantities(total);
    }

    private static List<Line> shipped(List<ShipmentLine> lines) {
        return lines.stream().map(line -> new Line(line.commitmentLineId(), line.quantity(), null)).toList();
    }

    private static List<Line> received(List<DeliveredLine> lines) {
        return lines.stream().map(line -> new Line(line.commitmentLineId(), line.quantityShipped(), line.quantityAccepted()))
                .toList();
    }

    /** The fields an event may change, each only if the event is newer than what set it. */
    private static final class Fold {
        private final long eventSequence;
        private Stage stage;
        private long stageSequence;
        private List<Line> lines;
        private long linesSequence;
        private boolean changed;

        private Fold(ShipmentMovement before, long eventSequence) {
            this.eventSequence = eventSequence;
            this.stage = before.stage;
            this.stageSequence = before.stageSequence;
            this.lines = before.lines;
            this.linesSequence = before.linesSequence;
        }

        private Fold stage(Stage stated) {
            if (stageSequence < eventSequence) {
                stage = stated;
                stageSequence = eventSequence;
                changed = true;
            }
            return this;
        }

        private void lines(List<Line> stated) {
            if (linesSequence < eventSequence) {
                lines = stated;
                linesSequence = eventSequence;
                changed = true;
            }
        }
    }
}

package org.shelters.logistics.shipment;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.logistics.DeliveredLine;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.logistics.ShipmentLine;

/**
 * One line of a shipment against one commitment line. The received quantities are null until
 * the proof of delivery.
 */
public record ShipmentItem(
        String lineId,
        String commitmentLineId,
        SupplyCategory category,
        String itemCode,
        BigDecimal quantity,
        String unit,
        String lot,
        LocalDate expiryDate,
        BigDecimal quantityAccepted,
        BigDecimal quantityRejected,
        RejectionReason rejectionReason) {

    /** Category, item code and unit always come from the commitment line, whatever the request said. */
    static ShipmentItem planned(String lineId, CommitmentLine commitment, BigDecimal quantity, String lot,
                                LocalDate expiryDate) {
        return new ShipmentItem(lineId, commitment.lineId(), commitment.category(), commitment.itemCode(), quantity,
                commitment.unit(), lot, expiryDate, null, null, null);
    }

    ShipmentLine toEvent() {
        return new ShipmentLine(lineId, commitmentLineId, category, itemCode, quantity, unit, lot, expiryDate);
    }

    ShipmentItem received(BigDecimal accepted, BigDecimal rejected, RejectionReason reason) {
        return new ShipmentItem(lineId, commitmentLineId, category, itemCode, quantity, unit, lot, expiryDate,
                accepted, rejected, reason);
    }

    /** Only for a line that passed {@link DeliveredLine#check}: the event's constructor refuses anything else. */
    DeliveredLine toDelivered() {
        return new DeliveredLine(lineId, commitmentLineId, category, itemCode, quantity, quantityAccepted,
                quantityRejected, rejectionReason);
    }
}

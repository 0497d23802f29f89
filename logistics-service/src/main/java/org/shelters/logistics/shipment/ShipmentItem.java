package org.shelters.logistics.shipment;

import java.math.BigDecimal;
import java.time.LocalDate;
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

    ShipmentLine toEvent() {
        return new ShipmentLine(lineId, commitmentLineId, category, itemCode, quantity, unit, lot, expiryDate);
    }

    ShipmentItem received(BigDecimal accepted, BigDecimal rejected, RejectionReason reason) {
        return new ShipmentItem(lineId, commitmentLineId, category, itemCode, quantity, unit, lot, expiryDate,
                accepted, rejected, reason);
    }

    DeliveredLine toDelivered() {
        return new DeliveredLine(lineId, commitmentLineId, category, itemCode, quantity, quantityAccepted,
                quantityRejected, rejectionReason);
    }
}

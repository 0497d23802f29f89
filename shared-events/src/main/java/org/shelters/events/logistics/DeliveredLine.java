package org.shelters.events.logistics;

import java.math.BigDecimal;
import org.shelters.events.agreements.SupplyCategory;

/**
 * Proof of delivery for one line. Accepted + rejected = shipped, always, and any rejected
 * quantity has a reason: an event that breaks this cannot even be constructed.
 */
public record DeliveredLine(
        String lineId,
        String commitmentLineId,
        SupplyCategory category,
        String itemCode,
        BigDecimal quantityShipped,
        BigDecimal quantityAccepted,
        BigDecimal quantityRejected,
        RejectionReason rejectionReason) {

    public DeliveredLine {
        if (quantityShipped == null || quantityAccepted == null || quantityRejected == null) {
            throw new IllegalArgumentException("delivered line " + lineId + ": quantities are required");
        }
        if (quantityAccepted.signum() < 0 || quantityRejected.signum() < 0) {
            throw new IllegalArgumentException("delivered line " + lineId + ": quantities cannot be negative");
        }
        if (quantityAccepted.add(quantityRejected).compareTo(quantityShipped) != 0) {
            throw new IllegalArgumentException("delivered line " + lineId + ": accepted + rejected must equal shipped");
        }
        if (quantityRejected.signum() > 0 && rejectionReason == null) {
            throw new IllegalArgumentException("delivered line " + lineId + ": a rejected quantity needs a reason");
        }
    }
}

package org.shelters.events.logistics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.shelters.events.agreements.SupplyCategory;

/**
 * Proof of delivery for one line. Accepted + rejected = shipped, always, and any rejected
 * quantity has a reason: an event that breaks this cannot even be constructed. The rule lives
 * here only ({@link #check}); the shipment aggregate asks it before confirming a delivery, and
 * the schema validation asks it of every consumed event.
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

    /** One breach of the proof-of-delivery rule; {@code field} is relative to the line. */
    public record Breach(String field, String message) {
    }

    /** The field a sum breach is reported on. */
    public static final String SUM_FIELD = "quantityAccepted";
    public static final String REASON_FIELD = "rejectionReason";

    public DeliveredLine {
        List<Breach> breaches = check(quantityShipped, quantityAccepted, quantityRejected, rejectionReason != null);
        if (!breaches.isEmpty()) {
            throw new IllegalArgumentException("delivered line " + lineId + ": " + breaches.get(0).message());
        }
    }

    /**
     * The proof-of-delivery rule: quantities present and not negative, accepted + rejected =
     * shipped, and a reason for any rejected quantity.
     *
     * @return every breach, empty when the line is sound
     */
    public static List<Breach> check(BigDecimal shipped, BigDecimal accepted, BigDecimal rejected, boolean hasReason) {
        List<Breach> breaches = new ArrayList<>();
        if (shipped == null) {
            breaches.add(new Breach("quantityShipped", "is required"));
        }
        if (accepted == null) {
            breaches.add(new Breach("quantityAccepted", "is required"));
        } else if (accepted.signum() < 0) {
            breaches.add(new Breach("quantityAccepted", "must not be negative"));
        }
        if (rejected == null) {
            breaches.add(new Breach("quantityRejected", "is required"));
        } else if (rejected.signum() < 0) {
            breaches.add(new Breach("quantityRejected", "must not be negative"));
        }
        if (breaches.isEmpty() && accepted.add(rejected).compareTo(shipped) != 0) {
            breaches.add(new Breach(SUM_FIELD, "accepted + rejected must equal shipped (quantityAccepted "
                    + accepted.toPlainString() + " + quantityRejected " + rejected.toPlainString()
                    + " is not quantityShipped " + shipped.toPlainString() + ")"));
        }
        if (rejected != null && rejected.signum() > 0 && !hasReason) {
            breaches.add(new Breach(REASON_FIELD, "a rejected quantity needs a reason"));
        }
        return breaches;
    }
}

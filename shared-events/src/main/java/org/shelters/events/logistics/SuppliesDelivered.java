package org.shelters.events.logistics;

import java.time.Instant;
import java.util.List;

/**
 * Proof of delivery, confirmed by the shelter. Carries dispatch time and carrier so that lead
 * times can be computed from this event alone.
 */
public record SuppliesDelivered(
        String shipmentId,
        String agreementId,
        String shelterId,
        Instant dispatchedAt,
        String carrier,
        Instant receivedAt,
        String receivedByRole,
        List<DeliveredLine> lines) implements LogisticsEvent {

    public SuppliesDelivered {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}

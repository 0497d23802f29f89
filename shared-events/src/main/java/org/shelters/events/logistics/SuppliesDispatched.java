package org.shelters.events.logistics;

import java.time.Instant;
import java.util.List;

/** The supplies left the warehouse; they are in transit until SuppliesDelivered. */
public record SuppliesDispatched(
        String shipmentId,
        String agreementId,
        String shelterId,
        Instant dispatchedAt,
        String carrier,
        String waybill,
        List<ShipmentLine> lines) implements LogisticsEvent {

    public SuppliesDispatched {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}

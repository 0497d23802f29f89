package org.shelters.events.logistics;

import java.time.LocalDate;
import java.util.List;

/**
 * A logistics officer planned a shipment. {@code overDelivery} records an explicit decision to
 * ship beyond what the commitment lines still have outstanding.
 */
public record ShipmentPlanned(
        String shipmentId,
        String agreementId,
        String shelterId,
        LocalDate plannedDate,
        List<ShipmentLine> lines,
        boolean overDelivery,
        String overDeliveryReason) implements LogisticsEvent {

    public ShipmentPlanned {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}

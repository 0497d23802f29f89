package org.shelters.events.logistics;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.shelters.events.agreements.SupplyCategory;

/** One line of a shipment, against one commitment line of the agreement. Lot and expiry for medicines. */
public record ShipmentLine(
        String lineId,
        String commitmentLineId,
        SupplyCategory category,
        String itemCode,
        BigDecimal quantity,
        String unit,
        String lot,
        LocalDate expiryDate) {
}

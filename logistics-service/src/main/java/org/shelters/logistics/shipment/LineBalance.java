package org.shelters.logistics.shipment;

import java.math.BigDecimal;
import org.shelters.events.agreements.SupplyCategory;

/**
 * Where one commitment line stands: outstanding = committed - accepted - inTransit. It can be
 * negative after an amendment reduced the commitment below what was already shipped.
 */
public record LineBalance(
        String commitmentLineId,
        SupplyCategory category,
        String itemCode,
        String description,
        String unit,
        BigDecimal committed,
        BigDecimal accepted,
        BigDecimal inTransit,
        BigDecimal outstanding) {
}

package org.shelters.events.agreements;

import java.math.BigDecimal;

/** What the agency commits to deliver to the shelter: one item, in one unit. */
public record CommitmentLine(
        String lineId,
        SupplyCategory category,
        String itemCode,
        String description,
        BigDecimal quantity,
        String unit) {
}

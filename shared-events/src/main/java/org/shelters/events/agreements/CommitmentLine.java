package org.shelters.events.agreements;

import java.math.BigDecimal;

/**
 * What the agency commits to deliver to the shelter: one item, in one unit.
 *
 * @param unitCost optional: the cost of one unit in the agreement's budget currency. When every line
 *                 of a figure has one, reporting weights fulfilment by value; absent (null) in older events.
 */
public record CommitmentLine(
        String lineId,
        SupplyCategory category,
        String itemCode,
        String description,
        BigDecimal quantity,
        String unit,
        BigDecimal unitCost) {

    /** A line without a unit cost. */
    public CommitmentLine(String lineId, SupplyCategory category, String itemCode, String description,
                          BigDecimal quantity, String unit) {
        this(lineId, category, itemCode, description, quantity, unit, null);
    }
}

package org.shelters.logistics.shipment;

import java.math.BigDecimal;
import org.shelters.events.agreements.SupplyCategory;

/**
 * Where one commitment line stands, with the meanings every service shares (shared-events README,
 * "Quantities of a commitment line").
 *
 * @param committed   the line's quantity in the agreement's current terms (after amendments)
 * @param planned     on planned shipments not dispatched yet: the pipeline
 * @param inTransit   on dispatched shipments not delivered yet
 * @param accepted    confirmed as accepted by proof of delivery
 * @param rejected    confirmed as rejected by proof of delivery; it must be replaced, so it is outstanding again
 * @param outstanding committed - accepted - planned - in transit, never below 0: what still has to be
 *                    planned (an over-delivery or a reducing amendment leaves it at 0)
 */
public record LineBalance(
        String commitmentLineId,
        SupplyCategory category,
        String itemCode,
        String description,
        String unit,
        BigDecimal committed,
        BigDecimal planned,
        BigDecimal inTransit,
        BigDecimal accepted,
        BigDecimal rejected,
        BigDecimal outstanding) {
}

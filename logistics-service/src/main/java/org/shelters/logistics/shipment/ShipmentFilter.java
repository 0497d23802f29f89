package org.shelters.logistics.shipment;

import java.time.LocalDate;

/**
 * What the shipment list may be narrowed by; null means "any". {@code plannedFrom} and
 * {@code plannedTo} are inclusive programme dates.
 */
public record ShipmentFilter(
        String agreementId,
        String shelterId,
        ShipmentStatus status,
        Boolean followUp,
        LocalDate plannedFrom,
        LocalDate plannedTo) {
}

package org.shelters.logistics.shipment;

import java.time.LocalDate;
import java.util.Set;

/**
 * What the shipment list may be narrowed by; null means "any". {@code plannedFrom} and
 * {@code plannedTo} are inclusive programme dates.
 *
 * @param withinShelters the only shelters the caller may see (a shelter partner's own), applied in the
 *                       store query so paging and totals count nothing else; null for a programme-wide
 *                       caller, empty for a partner with no shelter (who then sees nothing)
 */
public record ShipmentFilter(
        String agreementId,
        String shelterId,
        ShipmentStatus status,
        Boolean followUp,
        LocalDate plannedFrom,
        LocalDate plannedTo,
        Set<String> withinShelters) {

    public ShipmentFilter {
        withinShelters = withinShelters == null ? null : Set.copyOf(withinShelters);
    }
}

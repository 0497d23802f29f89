package org.shelters.reporting.read;

import java.time.Instant;
import org.shelters.reporting.shipments.ShipmentDoc;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.shelters.Corridor;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.shelters.ShelterDoc;

/**
 * The analyst's filters; null means "any". Dates are inclusive and are days in {@code zone} (the
 * programme's zone, the same that says which day is today), also for delivery and dispatch times.
 */
public record ReportFilter(String state, Corridor corridor, String donor, String phase, SupplyCategory category,
                           LocalDate from, LocalDate to, ZoneId zone) {

    public static final ReportFilter NONE = new ReportFilter(null, null, null, null, null, null, null, ZoneOffset.UTC);

    public ReportFilter {
        zone = zone == null ? ZoneOffset.UTC : zone;
    }

    public boolean matches(ShelterDoc shelter, List<AgreementDoc> agreementsOfShelter) {
        if (state != null && !state.equals(shelter.state)) {
            return false;
        }
        if (corridor != null && corridor != shelter.corridor) {
            return false;
        }
        if (donor != null || phase != null || category != null) {
            return agreementsOfShelter.stream().anyMatch(this::matches);
        }
        return true;
    }

    public boolean matches(AgreementDoc agreement) {
        return (donor == null || donor.equals(agreement.donor))
                && (phase == null || phase.equals(agreement.phase))
                && (category == null || agreement.commitments.stream().anyMatch(c -> c.category == category));
    }

    public boolean categoryMatches(SupplyCategory value) {
        return category == null || category == value;
    }

    public boolean inRange(LocalDate date) {
        return date != null && (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
    }

    public boolean inRange(Instant instant) {
        return instant != null && inRange(LocalDate.ofInstant(instant, zone));
    }

    /**
     * Whether a shipment's quantities count in a period: a delivery on the day it was received, a
     * shipment in transit on the day it was dispatched, a planned one on its planned date. A
     * cancelled shipment never counts.
     */
    public boolean counts(ShipmentDoc shipment) {
        if (shipment.delivered()) {
            return unbounded() || inRange(shipment.receivedAt);
        }
        if (shipment.inTransit()) {
            return unbounded() || inRange(shipment.dispatchedAt);
        }
        return shipment.planned() && (unbounded() || inRange(shipment.plannedDate));
    }

    /** Whether a shipment line is of the category asked for (lines without a category never are). */
    public boolean counts(ShipmentDoc.Line line) {
        return line.category != null && categoryMatches(line.category);
    }

    public boolean unbounded() {
        return from == null && to == null;
    }
}

package org.shelters.reporting.alerts;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.agreements.AgreementFulfilment;
import org.shelters.reporting.read.Quantities;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.shelters.LatestReport;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shipments.ShipmentDoc;

/** What needs attention now: over capacity, arrival surges, expiring agreements, late shipments, refusals. */
public final class Alerts {

    public static final String OVER_CAPACITY = "OVER_CAPACITY";
    public static final String ARRIVALS_SURGE = "ARRIVALS_SURGE";
    public static final String AGREEMENT_EXPIRING = "AGREEMENT_EXPIRING";
    public static final String SHIPMENT_OVERDUE = "SHIPMENT_OVERDUE";
    public static final String HIGH_REJECTION_RATE = "HIGH_REJECTION_RATE";
    /** Every type, so a gauge shows 0 for a type with no open alert instead of vanishing. */
    public static final List<String> TYPES = List.of(OVER_CAPACITY, ARRIVALS_SURGE, AGREEMENT_EXPIRING, SHIPMENT_OVERDUE,
            HIGH_REJECTION_RATE);

    /** Thresholds, bound from {@code reporting.alerts.*}. */
    public record Settings(double surgeFactor, int surgeMinArrivals, int expiringWithinDays, int undeliveredAfterDays,
                           double highRejectionRate) {
    }

    /**
     * One alert. {@code message} is English prose for logs and API readers; {@code details} holds
     * the same facts as fields (which day, which agreement, the figures compared), so a client such
     * as the dashboard can say them in its user's language.
     */
    public record Alert(String type, String severity, String shelterId, String shelterName, String state,
                        String subjectId, String message, BigDecimal value, BigDecimal threshold,
                        Map<String, Object> details) {
    }

    private Alerts() {
    }

    public static List<Alert> view(ReportSnapshot snapshot, ReportFilter filter, Settings settings, Instant now) {
        List<Alert> alerts = new ArrayList<>();
        LocalDate today = snapshot.today();
        for (ShelterDoc shelter : snapshot.sheltersMatching(filter)) {
            // the latest report and the 30 days before it are kept with the shelter: no day is read here
            LatestReport latest = shelter.latest;
            if (latest != null && shelter.capacity > 0 && latest.overnightOccupancy > shelter.capacity) {
                alerts.add(alert(OVER_CAPACITY, "HIGH", shelter, shelter.id,
                        "Overnight occupancy " + latest.overnightOccupancy + " on " + latest.date
                                + " exceeds capacity " + shelter.capacity,
                        latest.overnightOccupancy, shelter.capacity,
                        Map.of("date", latest.date, "occupancy", latest.overnightOccupancy,
                                "capacity", shelter.capacity)));
            }
            if (latest != null) {
                double average = latest.priorAverage();
                int arrivals = latest.arrivals;
                if (latest.priorDays >= 3 && arrivals >= settings.surgeMinArrivals() && arrivals > settings.surgeFactor() * average) {
                    alerts.add(alert(ARRIVALS_SURGE, "MEDIUM", shelter, shelter.id,
                            arrivals + " arrivals on " + latest.date + " against a 30-day average of "
                                    + Math.round(average), arrivals, settings.surgeFactor() * average,
                            Map.of("date", latest.date, "arrivals", arrivals, "average30Days", Math.round(average))));
                }
            }
            for (AgreementDoc a : snapshot.agreementsOf(shelter.id)) {
                if (!"SIGNED".equals(a.status) || a.periodEnd == null || !filter.matches(a)) {
                    continue;
                }
                long daysLeft = ChronoUnit.DAYS.between(today, a.periodEnd);
                if (daysLeft >= 0 && daysLeft <= settings.expiringWithinDays()) {
                    // lines, not units: the lines' quantities are in different units and never add up
                    int outstanding = AgreementFulfilment.linesOutstanding(a, snapshot);
                    if (outstanding > 0) {
                        alerts.add(alert(AGREEMENT_EXPIRING, "MEDIUM", shelter, a.id, "Agreement " + a.id + " ends on "
                                + a.periodEnd + " with " + outstanding + " of " + a.commitments.size()
                                + " commitment lines outstanding", outstanding, 0, Map.of("agreementId", a.id,
                                        "endsOn", a.periodEnd.toString(), "daysLeft", daysLeft,
                                        "linesOutstanding", outstanding, "lines", a.commitments.size())));
                    }
                }
            }
            // the mean of the delivered lines' rejection rates: each line is one item in one unit, units never add up
            double rateSum = 0;
            int deliveredLines = 0;
            for (ShipmentDoc s : snapshot.shipmentsOf(shelter.id)) {
                if (s.inTransit() && s.dispatchedAt != null) {
                    long days = Duration.between(s.dispatchedAt, now).toDays();
                    if (days >= settings.undeliveredAfterDays()) {
                        alerts.add(alert(SHIPMENT_OVERDUE, "HIGH", shelter, s.id, "Shipment " + s.id
                                + " dispatched " + days + " days ago is not delivered", days, settings.undeliveredAfterDays(),
                                Map.of("shipmentId", s.id, "daysInTransit", days)));
                    }
                }
                if (s.delivered()) {
                    for (ShipmentDoc.Line l : s.lines) {
                        if (Quantities.nz(l.quantity).signum() > 0) {
                            deliveredLines++;
                            rateSum += Quantities.nz(l.rejected).doubleValue() / l.quantity.doubleValue();
                        }
                    }
                }
            }
            if (deliveredLines > 0) {
                double rate = rateSum / deliveredLines;
                if (rate > settings.highRejectionRate()) {
                    alerts.add(alert(HIGH_REJECTION_RATE, "MEDIUM", shelter, shelter.id, String.format(java.util.Locale.ROOT,
                            "%.1f%% rejected on average over %d delivered lines", rate * 100, deliveredLines), rate,
                            settings.highRejectionRate(), Map.of("rejectedPercent",
                                    BigDecimal.valueOf(rate * 100).setScale(1, java.math.RoundingMode.HALF_UP),
                                    "deliveredLines", deliveredLines)));
                }
            }
        }
        return alerts;
    }

    private static Alert alert(String type, String severity, ShelterDoc shelter, String subject, String message,
                               double value, double threshold, Map<String, Object> details) {
        return alert(type, severity, shelter, subject, message, BigDecimal.valueOf(value), BigDecimal.valueOf(threshold),
                details);
    }

    private static Alert alert(String type, String severity, ShelterDoc shelter, String subject, String message,
                               BigDecimal value, BigDecimal threshold, Map<String, Object> details) {
        return new Alert(type, severity, shelter.id, shelter.name, shelter.state, subject, message, value, threshold,
                details);
    }
}

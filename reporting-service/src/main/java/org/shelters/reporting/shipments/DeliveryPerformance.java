package org.shelters.reporting.shipments;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.read.Quantities;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.shelters.ShelterDoc;

/**
 * The read side of shipments: how fast do supplies arrive (dispatch to delivery, per state and
 * carrier) and why are they refused.
 */
public final class DeliveryPerformance {

    private DeliveryPerformance() {
    }

    public record View(LeadTime overall, List<LeadTime> byStateAndCarrier, BigDecimal quantityShipped,
                       BigDecimal quantityRejected, BigDecimal rejectionRatePercent, List<Rejection> rejectionsByReason) {
    }

    public record LeadTime(String state, String carrier, int deliveries, BigDecimal medianHours, BigDecimal p90Hours) {
    }

    public record Rejection(RejectionReason reason, BigDecimal quantityRejected, BigDecimal ratePercent) {
    }

    public static View view(ReportSnapshot snapshot, ReportFilter filter) {
        List<Double> all = new ArrayList<>();
        Map<String, List<Double>> groups = new TreeMap<>();
        Map<RejectionReason, BigDecimal> rejections = new EnumMap<>(RejectionReason.class);
        BigDecimal shipped = BigDecimal.ZERO;
        BigDecimal rejected = BigDecimal.ZERO;
        for (ShelterDoc shelter : snapshot.sheltersMatching(filter)) {
            for (ShipmentDoc s : snapshot.shipmentsOf(shelter.id)) {
                AgreementDoc agreement = snapshot.agreements().get(s.agreementId);
                if (!s.delivered() || (agreement != null && !filter.matches(agreement))
                        || (!filter.unbounded() && !filter.inRange(s.receivedAt))) {
                    continue;
                }
                if (s.dispatchedAt != null && s.receivedAt != null) {
                    double hours = Duration.between(s.dispatchedAt, s.receivedAt).toSeconds() / 3600.0;
                    all.add(hours);
                    groups.computeIfAbsent(nz(shelter.state) + "|" + nz(s.carrier), k -> new ArrayList<>()).add(hours);
                }
                for (ShipmentDoc.Line l : s.lines) {
                    if (!filter.categoryMatches(l.category)) {
                        continue;
                    }
                    shipped = shipped.add(Quantities.nz(l.quantity));
                    rejected = rejected.add(Quantities.nz(l.rejected));
                    if (l.rejected != null && l.rejected.signum() > 0) {
                        rejections.merge(l.rejectionReason == null ? RejectionReason.OTHER : l.rejectionReason,
                                l.rejected, BigDecimal::add);
                    }
                }
            }
        }
        List<LeadTime> byGroup = new ArrayList<>();
        groups.forEach((key, hours) -> {
            String[] parts = key.split("\\|", -1);
            byGroup.add(leadTime(parts[0], parts[1], hours));
        });
        List<Rejection> reasons = new ArrayList<>();
        BigDecimal totalShipped = shipped;
        rejections.forEach((reason, quantity) -> reasons.add(new Rejection(reason, quantity,
                Quantities.percent(quantity, totalShipped))));
        return new View(leadTime(null, null, all), byGroup, shipped, rejected, Quantities.percent(rejected, shipped), reasons);
    }

    static LeadTime leadTime(String state, String carrier, List<Double> hours) {
        return new LeadTime(state, carrier, hours.size(), hours(percentile(hours, 50)), hours(percentile(hours, 90)));
    }

    /** Nearest-rank percentile; null for no data. */
    public static Double percentile(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static BigDecimal hours(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
    }

    private static String nz(String value) {
        return value == null ? "UNKNOWN" : value;
    }
}

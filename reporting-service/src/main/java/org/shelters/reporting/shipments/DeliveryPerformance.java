package org.shelters.reporting.shipments;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.read.Fulfilment;
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

    /**
     * @param quantities          shipped and rejected per unit, never added across units
     * @param rejectionRatePercent the mean over delivered shipment lines of rejected / shipped ({@code MEAN_OF_LINES}):
     *                             each line is one item in one unit, so lines are compared, not their quantities
     * @param deliveredLines      how many delivered shipment lines that mean is over
     */
    public record View(LeadTime overall, List<LeadTime> byStateAndCarrier, List<UnitRejections> quantities,
                       BigDecimal rejectionRatePercent, Fulfilment.Method rejectionRateMethod, int deliveredLines,
                       List<Rejection> rejectionsByReason) {
    }

    public record LeadTime(String state, String carrier, int deliveries, BigDecimal medianHours, BigDecimal p90Hours) {
    }

    /** @param unit the commitment line's unit; null when the line is not known */
    public record UnitRejections(String unit, BigDecimal shipped, BigDecimal rejected) {
    }

    /**
     * @param lines        delivered shipment lines with a rejection for this reason
     * @param linesPercent their share of all delivered lines
     * @param quantities   rejected per unit
     */
    public record Rejection(RejectionReason reason, int lines, BigDecimal linesPercent, List<UnitRejections> quantities) {
    }

    public static View view(ReportSnapshot snapshot, ReportFilter filter) {
        List<Double> all = new ArrayList<>();
        Map<String, List<Double>> groups = new TreeMap<>();
        Map<RejectionReason, Map<String, BigDecimal[]>> rejections = new EnumMap<>(RejectionReason.class);
        Map<RejectionReason, Integer> rejectedLines = new EnumMap<>(RejectionReason.class);
        Map<String, BigDecimal[]> byUnit = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        BigDecimal rateSum = BigDecimal.ZERO;
        int lines = 0;
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
                    String unit = unitOf(agreement, l.commitmentLineId);
                    add(byUnit, unit, l.quantity, l.rejected);
                    BigDecimal shipped = Quantities.nz(l.quantity);
                    if (shipped.signum() > 0) {
                        lines++;
                        rateSum = rateSum.add(Quantities.nz(l.rejected).divide(shipped, 12, RoundingMode.HALF_UP));
                    }
                    if (l.rejected != null && l.rejected.signum() > 0) {
                        RejectionReason reason = l.rejectionReason == null ? RejectionReason.OTHER : l.rejectionReason;
                        add(rejections.computeIfAbsent(reason, r -> new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()))),
                                unit, l.quantity, l.rejected);
                        rejectedLines.merge(reason, 1, Integer::sum);
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
        int delivered = lines;
        rejections.forEach((reason, units) -> reasons.add(new Rejection(reason, rejectedLines.get(reason),
                Quantities.percent(BigDecimal.valueOf(rejectedLines.get(reason)), BigDecimal.valueOf(delivered)),
                units(units))));
        BigDecimal rate = lines == 0 ? null
                : rateSum.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(lines), 1, RoundingMode.HALF_UP);
        return new View(leadTime(null, null, all), byGroup, units(byUnit), rate, Fulfilment.Method.MEAN_OF_LINES, lines,
                reasons);
    }

    /** The unit of the agreement's commitment line {@code lineId}; null when either is not known. */
    private static String unitOf(AgreementDoc agreement, String lineId) {
        if (agreement == null) {
            return null;
        }
        return agreement.commitments.stream().filter(c -> c.lineId.equals(lineId)).map(c -> c.unit).findFirst().orElse(null);
    }

    private static void add(Map<String, BigDecimal[]> byUnit, String unit, BigDecimal shipped, BigDecimal rejected) {
        BigDecimal[] sum = byUnit.computeIfAbsent(unit, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        sum[0] = sum[0].add(Quantities.nz(shipped));
        sum[1] = sum[1].add(Quantities.nz(rejected));
    }

    private static List<UnitRejections> units(Map<String, BigDecimal[]> byUnit) {
        List<UnitRejections> result = new ArrayList<>();
        byUnit.forEach((unit, sum) -> result.add(new UnitRejections(unit, sum[0], sum[1])));
        return result;
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

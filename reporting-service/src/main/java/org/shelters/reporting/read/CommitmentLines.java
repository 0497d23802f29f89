package org.shelters.reporting.read;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.shipments.ShipmentDoc;

/**
 * Every view's supplies start here: the commitment lines of some agreements, each with what the
 * filter counts of the shipments against it. Stages as every service defines them: planned (on
 * planned shipments, the pipeline), dispatched (left the warehouse: in transit or delivered), in
 * transit, accepted and rejected by proof of delivery. A cancelled shipment counts nowhere.
 */
public final class CommitmentLines {

    /**
     * One commitment line and its progress, or (with {@code commitment} null) what was shipped
     * against a line none of the agreements shows, e.g. an agreement event still to arrive.
     *
     * @param agreement null when the shipment's agreement is not among those given
     */
    public record Counted(AgreementDoc agreement, AgreementDoc.Commitment commitment, SupplyCategory category,
                          LineProgress progress) {

        public boolean known() {
            return commitment != null;
        }
    }

    private CommitmentLines() {
    }

    /**
     * @param agreements the agreements whose lines count (lines of another category than the filter's are left out)
     * @param shipments  the shipments counted against them, when the filter counts them (by date, by category)
     */
    public static List<Counted> of(Collection<AgreementDoc> agreements, Collection<ShipmentDoc> shipments,
                                   ReportFilter filter) {
        Map<String, AgreementDoc> byId = new LinkedHashMap<>();
        Map<String, Counted> lines = new LinkedHashMap<>();
        for (AgreementDoc a : agreements) {
            byId.put(a.id, a);
            for (AgreementDoc.Commitment c : a.commitments) {
                if (c.category != null && filter.categoryMatches(c.category)) {
                    lines.put(key(a.id, c.lineId), new Counted(a, c, c.category, new LineProgress(c.unit, c.unitCost,
                            a.currency, c.quantity, null, null, null, null, null)));
                }
            }
        }
        Map<String, Counted> unknown = new LinkedHashMap<>();
        for (ShipmentDoc s : shipments) {
            if (!filter.counts(s)) {
                continue;
            }
            for (ShipmentDoc.Line l : s.lines) {
                String key = key(s.agreementId, l.commitmentLineId);
                Counted line = lines.get(key);
                if (line != null) {
                    lines.put(key, count(line, s, l));
                } else if (filter.counts(l) && !known(byId.get(s.agreementId), l.commitmentLineId)) {
                    Counted none = unknown.computeIfAbsent(key + "|" + l.category, k -> new Counted(byId.get(s.agreementId),
                            null, l.category, new LineProgress(null, null, null, null, null, null, null, null, null)));
                    unknown.put(key + "|" + l.category, count(none, s, l));
                }
            }
        }
        List<Counted> result = new ArrayList<>(lines.values());
        result.addAll(unknown.values());
        return result;
    }

    public static List<LineProgress> progress(Collection<Counted> lines) {
        return lines.stream().map(Counted::progress).toList();
    }

    /** A line of another category than the filter's is known, just not asked for. */
    private static boolean known(AgreementDoc agreement, String lineId) {
        return agreement != null && agreement.commitments.stream().anyMatch(c -> c.lineId.equals(lineId));
    }

    private static Counted count(Counted line, ShipmentDoc s, ShipmentDoc.Line l) {
        LineProgress p = line.progress();
        BigDecimal zero = BigDecimal.ZERO;
        if (s.planned()) {
            p = p.plus(l.quantity, zero, zero, zero, zero);
        } else if (s.inTransit()) {
            p = p.plus(zero, l.quantity, l.quantity, zero, zero);
        } else if (s.delivered()) {
            p = p.plus(zero, l.quantity, zero, l.accepted, l.rejected);
        }
        return new Counted(line.agreement(), line.commitment(), line.category(), p);
    }

    private static String key(String agreementId, String lineId) {
        return agreementId + "|" + lineId;
    }
}

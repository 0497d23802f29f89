package org.shelters.reporting.agreements;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.reporting.read.CommitmentLines;
import org.shelters.reporting.read.Fulfilment;
import org.shelters.reporting.read.LineProgress;
import org.shelters.reporting.read.Quantities;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.shelters.ShelterDoc;

/**
 * The read side of an agreement: per commitment line, committed, planned (the pipeline), in
 * transit, accepted, rejected and outstanding, with the meanings every service shares. The
 * agreement's own fulfilment aggregates the lines' ({@link Fulfilment}): its lines are in
 * different units, so their quantities are never added.
 */
public final class AgreementFulfilment {

    private AgreementFulfilment() {
    }

    /**
     * @param fulfilmentPercent the lines' fulfilment aggregated by {@code fulfilmentMethod}
     *                          (mean of line percentages capped at 100, or value-weighted when every line has a unit cost)
     */
    public record View(String agreementId, String shelterId, String shelterName, String programmeCode, String donor,
                       String phase, String status, int amendments, LocalDate periodStart, LocalDate periodEnd,
                       BigDecimal budget, BigDecimal originalBudget, String currency, List<Line> lines,
                       BigDecimal fulfilmentPercent, Fulfilment.Method fulfilmentMethod) {
    }

    /** @param fulfilmentPercent accepted / committed of this line, not capped (an over-delivery shows above 100) */
    public record Line(String lineId, SupplyCategory category, String itemCode, String description, String unit,
                       BigDecimal unitCost, BigDecimal committed, BigDecimal planned, BigDecimal inTransit,
                       BigDecimal accepted, BigDecimal rejected, BigDecimal outstanding, BigDecimal fulfilmentPercent) {
    }

    public static View view(AgreementDoc agreement, ReportSnapshot snapshot) {
        List<CommitmentLines.Counted> counted = lines(agreement, snapshot);
        List<Line> lines = counted.stream().map(AgreementFulfilment::line).toList();
        Fulfilment fulfilment = Fulfilment.of(CommitmentLines.progress(counted));
        ShelterDoc shelter = snapshot.shelters().get(agreement.shelterId);
        return new View(agreement.id, agreement.shelterId, shelter == null ? null : shelter.name, agreement.programmeCode,
                agreement.donor, agreement.phase, agreement.status, agreement.amendments, agreement.periodStart,
                agreement.periodEnd, agreement.budget, agreement.originalBudget, agreement.currency, lines,
                fulfilment.percent(), fulfilment.method());
    }

    /** The agreement's own lines, in the order of its terms, with every shipment against them (none cancelled). */
    private static List<CommitmentLines.Counted> lines(AgreementDoc agreement, ReportSnapshot snapshot) {
        return CommitmentLines.of(List.of(agreement), snapshot.shipmentsOfAgreement(agreement.id), ReportFilter.NONE)
                .stream().filter(CommitmentLines.Counted::known).toList();
    }

    private static Line line(CommitmentLines.Counted counted) {
        AgreementDoc.Commitment c = counted.commitment();
        LineProgress p = counted.progress();
        BigDecimal outstanding = Quantities.outstanding(p.committed(), p.accepted(), p.planned(), p.inTransit());
        return new Line(c.lineId, c.category, c.itemCode, c.description, c.unit, c.unitCost, p.committed(), p.planned(),
                p.inTransit(), p.accepted(), p.rejected(), outstanding, p.percent());
    }

    /** How many commitment lines still have a quantity outstanding (used by the expiring-agreement alert). */
    public static int linesOutstanding(AgreementDoc agreement, ReportSnapshot snapshot) {
        return (int) view(agreement, snapshot).lines().stream().filter(l -> l.outstanding().signum() > 0).count();
    }
}

package org.shelters.reporting.agreements;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.reporting.read.Quantities;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shipments.ShipmentDoc;

/**
 * The read side of an agreement: per commitment line, committed, planned (the pipeline), in
 * transit, accepted, rejected and outstanding, with the meanings every service shares.
 */
public final class AgreementFulfilment {

    private AgreementFulfilment() {
    }

    public record View(String agreementId, String shelterId, String shelterName, String programmeCode, String donor,
                       String phase, String status, int amendments, LocalDate periodStart, LocalDate periodEnd,
                       BigDecimal budget, BigDecimal originalBudget, String currency, List<Line> lines,
                       BigDecimal fulfilmentPercent) {
    }

    public record Line(String lineId, SupplyCategory category, String itemCode, String description, String unit,
                       BigDecimal committed, BigDecimal planned, BigDecimal inTransit, BigDecimal accepted,
                       BigDecimal rejected, BigDecimal outstanding, BigDecimal fulfilmentPercent) {
    }

    /** Columns of the per-line sums. */
    private static final int PLANNED = 0;
    private static final int IN_TRANSIT = 1;
    private static final int ACCEPTED = 2;
    private static final int REJECTED = 3;

    public static View view(AgreementDoc agreement, ReportSnapshot snapshot) {
        Map<String, BigDecimal[]> byLine = new HashMap<>();
        for (ShipmentDoc shipment : snapshot.shipmentsOfAgreement(agreement.id)) {
            for (ShipmentDoc.Line l : shipment.lines) {
                if (l.commitmentLineId != null) {
                    count(byLine, shipment, l);
                }
            }
        }
        List<Line> lines = new ArrayList<>();
        BigDecimal committedTotal = BigDecimal.ZERO;
        BigDecimal acceptedTotal = BigDecimal.ZERO;
        for (AgreementDoc.Commitment c : agreement.commitments) {
            BigDecimal[] v = byLine.getOrDefault(c.lineId, Quantities.zeros());
            BigDecimal committed = Quantities.nz(c.quantity);
            BigDecimal outstanding = Quantities.outstanding(committed, v[ACCEPTED], v[PLANNED], v[IN_TRANSIT]);
            lines.add(new Line(c.lineId, c.category, c.itemCode, c.description, c.unit, committed, v[PLANNED],
                    v[IN_TRANSIT], v[ACCEPTED], v[REJECTED], outstanding, Quantities.percent(v[ACCEPTED], committed)));
            committedTotal = committedTotal.add(committed);
            acceptedTotal = acceptedTotal.add(v[ACCEPTED]);
        }
        ShelterDoc shelter = snapshot.shelters().get(agreement.shelterId);
        return new View(agreement.id, agreement.shelterId, shelter == null ? null : shelter.name, agreement.programmeCode,
                agreement.donor, agreement.phase, agreement.status, agreement.amendments, agreement.periodStart,
                agreement.periodEnd, agreement.budget, agreement.originalBudget, agreement.currency, lines,
                Quantities.percent(acceptedTotal, committedTotal));
    }

    /** Which stage each shipment's lines count in; a cancelled shipment counts nowhere. */
    private static void count(Map<String, BigDecimal[]> byLine, ShipmentDoc shipment, ShipmentDoc.Line l) {
        if (shipment.planned()) {
            Quantities.add(byLine, l.commitmentLineId, PLANNED, l.quantity);
        } else if (shipment.inTransit()) {
            Quantities.add(byLine, l.commitmentLineId, IN_TRANSIT, l.quantity);
        } else if (shipment.delivered()) {
            Quantities.add(byLine, l.commitmentLineId, ACCEPTED, l.accepted);
            Quantities.add(byLine, l.commitmentLineId, REJECTED, l.rejected);
        }
    }

    /** Outstanding quantity over all lines (used by the expiring-agreement alert). */
    public static BigDecimal outstanding(AgreementDoc agreement, ReportSnapshot snapshot) {
        return view(agreement, snapshot).lines().stream().map(Line::outstanding).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

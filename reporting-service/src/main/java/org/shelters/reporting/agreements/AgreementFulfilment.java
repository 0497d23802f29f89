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

/** The read side of an agreement: per commitment line, committed, in transit, accepted, rejected, outstanding. */
public final class AgreementFulfilment {

    private AgreementFulfilment() {
    }

    public record View(String agreementId, String shelterId, String shelterName, String programmeCode, String donor,
                       String phase, String status, int amendments, LocalDate periodStart, LocalDate periodEnd,
                       BigDecimal budget, BigDecimal originalBudget, String currency, List<Line> lines,
                       BigDecimal fulfilmentPercent) {
    }

    public record Line(String lineId, SupplyCategory category, String itemCode, String description, String unit,
                       BigDecimal committed, BigDecimal inTransit, BigDecimal accepted, BigDecimal rejected,
                       BigDecimal outstanding, BigDecimal fulfilmentPercent) {
    }

    public static View view(AgreementDoc agreement, ReportSnapshot snapshot) {
        Map<String, BigDecimal[]> byLine = new HashMap<>();
        for (ShipmentDoc shipment : snapshot.shipmentsOfAgreement(agreement.id)) {
            for (ShipmentDoc.Line l : shipment.lines) {
                if (l.commitmentLineId == null) {
                    continue;
                }
                if (shipment.inTransit()) {
                    Quantities.add(byLine, l.commitmentLineId, 0, l.quantity);
                } else if (shipment.delivered()) {
                    Quantities.add(byLine, l.commitmentLineId, 1, l.accepted);
                    Quantities.add(byLine, l.commitmentLineId, 2, l.rejected);
                }
            }
        }
        List<Line> lines = new ArrayList<>();
        BigDecimal committedTotal = BigDecimal.ZERO;
        BigDecimal acceptedTotal = BigDecimal.ZERO;
        for (AgreementDoc.Commitment c : agreement.commitments) {
            BigDecimal[] v = byLine.getOrDefault(c.lineId, Quantities.zeros());
            BigDecimal committed = Quantities.nz(c.quantity);
            BigDecimal outstanding = committed.subtract(v[0]).subtract(v[1]).max(BigDecimal.ZERO);
            lines.add(new Line(c.lineId, c.category, c.itemCode, c.description, c.unit, committed, v[0], v[1], v[2],
                    outstanding, Quantities.percent(v[1], committed)));
            committedTotal = committedTotal.add(committed);
            acceptedTotal = acceptedTotal.add(v[1]);
        }
        ShelterDoc shelter = snapshot.shelters().get(agreement.shelterId);
        return new View(agreement.id, agreement.shelterId, shelter == null ? null : shelter.name, agreement.programmeCode,
                agreement.donor, agreement.phase, agreement.status, agreement.amendments, agreement.periodStart,
                agreement.periodEnd, agreement.budget, agreement.originalBudget, agreement.currency, lines,
                Quantities.percent(acceptedTotal, committedTotal));
    }

    /** Outstanding quantity over all lines (used by the expiring-agreement alert). */
    public static BigDecimal outstanding(AgreementDoc agreement, ReportSnapshot snapshot) {
        return view(agreement, snapshot).lines().stream().map(Line::outstanding).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

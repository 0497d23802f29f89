package org.shelters.reporting.projection;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shelters.events.agreements.AgreementAmended;
import org.shelters.events.agreements.AgreementCompleted;
import org.shelters.events.agreements.AgreementDrafted;
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.agreements.AgreementExpired;
import org.shelters.events.agreements.AgreementResumed;
import org.shelters.events.agreements.AgreementSigned;
import org.shelters.events.agreements.AgreementSuspended;
import org.shelters.events.agreements.AgreementTerminated;
import org.shelters.events.agreements.AgreementTerms;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.PlannedTraining;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingSessionDelivered;

/** Per commitment line of an agreement: committed, in transit, accepted, rejected, outstanding. */
public final class AgreementFulfilment {

    private AgreementFulfilment() {
    }

    public static void apply(AgreementDoc doc, AgreementEvent event) {
        if (doc.shelterId == null) {
            doc.shelterId = event.shelterId();
        }
        if (event instanceof AgreementDrafted d) {
            header(doc, d.programmeCode(), d.donor(), d.phase(), d.year());
            terms(doc, d.terms());
            if (doc.status == null) {
                doc.status = "DRAFT";
            }
        } else if (event instanceof AgreementSigned s) {
            header(doc, s.programmeCode(), s.donor(), s.phase(), s.year());
            terms(doc, s.terms());
            doc.signedOn = s.signedOn();
            doc.status = "SIGNED";
            if (s.terms() != null && s.terms().budget() != null) {
                doc.originalBudget = s.terms().budget().amount();
            }
        } else if (event instanceof AgreementAmended a) {
            terms(doc, a.terms());
            doc.amendments = Math.max(doc.amendments, a.amendmentNumber());
        } else if (event instanceof AgreementSuspended) {
            doc.status = "SUSPENDED";
        } else if (event instanceof AgreementResumed) {
            doc.status = "SIGNED";
        } else if (event instanceof AgreementTerminated) {
            doc.status = "TERMINATED";
        } else if (event instanceof AgreementExpired) {
            doc.status = "EXPIRED";
        } else if (event instanceof AgreementCompleted) {
            doc.status = "COMPLETED";
        } else if (event instanceof TrainingSessionDelivered t) {
            AgreementDoc.Session session = new AgreementDoc.Session();
            session.topic = t.topic();
            session.date = t.date();
            session.women = t.participantsWomen();
            session.men = t.participantsMen();
            doc.trainings.put(t.sessionId(), session);
        }
    }

    private static void header(AgreementDoc doc, String programmeCode, String donor, String phase, int year) {
        doc.programmeCode = programmeCode;
        doc.donor = donor;
        doc.phase = phase;
        doc.year = year;
    }

    /** Terms are carried whole by each event: replace, never merge. */
    private static void terms(AgreementDoc doc, AgreementTerms terms) {
        if (terms == null) {
            return;
        }
        if (terms.period() != null) {
            doc.periodStart = terms.period().start();
            doc.periodEnd = terms.period().end();
        }
        if (terms.budget() != null) {
            doc.budget = terms.budget().amount();
            doc.currency = terms.budget().currency();
        }
        List<AgreementDoc.Commitment> lines = new ArrayList<>();
        for (CommitmentLine line : terms.commitments()) {
            AgreementDoc.Commitment c = new AgreementDoc.Commitment();
            c.lineId = line.lineId();
            c.category = line.category();
            c.itemCode = line.itemCode();
            c.description = line.description();
            c.quantity = line.quantity();
            c.unit = line.unit();
            lines.add(c);
        }
        doc.commitments = lines;
        List<AgreementDoc.Planned> planned = new ArrayList<>();
        for (PlannedTraining training : terms.plannedTrainings()) {
            AgreementDoc.Planned p = new AgreementDoc.Planned();
            p.topic = training.topic();
            p.participants = training.participants();
            planned.add(p);
        }
        doc.plannedTrainings = planned;
    }

    // ---- read side ----

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

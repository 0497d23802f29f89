package org.shelters.reporting.agreements;

import java.util.ArrayList;
import java.util.List;
import org.shelters.events.EventSwitch;
import org.shelters.events.Topics;
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
import org.shelters.events.agreements.TrainingSessionDelivered;
import org.shelters.reporting.projection.Changes;
import org.shelters.reporting.projection.Projection;
import org.shelters.reporting.projection.TopicProjection;

/** The write side of {@code agreements.v1}: status, current terms (amendments replace them), trainings by session. */
public final class AgreementFold {

    public static final Projection<AgreementDoc> AGREEMENTS =
            new Projection<>("agreement_fulfilment", AgreementDoc.class, AgreementDoc::empty);

    static final EventSwitch<AgreementEvent, AgreementDoc> APPLY = EventSwitch.over(AgreementEvent.class, AgreementDoc.class)
            .on(AgreementDrafted.class, AgreementFold::drafted)
            .on(AgreementSigned.class, AgreementFold::signed)
            .on(AgreementAmended.class, (doc, amended) -> {
                terms(doc, amended.terms());
                doc.amendments = Math.max(doc.amendments, amended.amendmentNumber());
            })
            .on(AgreementSuspended.class, (doc, suspended) -> doc.status = "SUSPENDED")
            .on(AgreementResumed.class, (doc, resumed) -> doc.status = "SIGNED")
            .on(AgreementTerminated.class, (doc, terminated) -> doc.status = "TERMINATED")
            .on(AgreementExpired.class, (doc, expired) -> doc.status = "EXPIRED")
            .on(AgreementCompleted.class, (doc, completed) -> doc.status = "COMPLETED")
            .on(TrainingSessionDelivered.class, AgreementFold::trained)
            .build();

    public static final TopicProjection<AgreementEvent> PROJECTION =
            new TopicProjection<>(Topics.AGREEMENTS, List.of(AGREEMENTS), AgreementFold::fold);

    private AgreementFold() {
    }

    /** Every event of an agreement changes that agreement's document, and no other. */
    static void fold(Changes changes, AgreementEvent event) {
        changes.change(AGREEMENTS, event.agreementId(), doc -> apply(doc, event));
    }

    public static void apply(AgreementDoc doc, AgreementEvent event) {
        if (doc.shelterId == null) {
            doc.shelterId = event.shelterId();
        }
        APPLY.apply(doc, event);
    }

    private static void drafted(AgreementDoc doc, AgreementDrafted d) {
        header(doc, d.programmeCode(), d.donor(), d.phase(), d.year());
        terms(doc, d.terms());
        if (doc.status == null) {
            doc.status = "DRAFT";
        }
    }

    private static void signed(AgreementDoc doc, AgreementSigned s) {
        header(doc, s.programmeCode(), s.donor(), s.phase(), s.year());
        terms(doc, s.terms());
        doc.signedOn = s.signedOn();
        doc.status = "SIGNED";
        if (s.terms() != null && s.terms().budget() != null) {
            doc.originalBudget = s.terms().budget().amount();
        }
    }

    private static void trained(AgreementDoc doc, TrainingSessionDelivered t) {
        AgreementDoc.Session session = new AgreementDoc.Session();
        session.topic = t.topic();
        session.date = t.date();
        session.women = t.participantsWomen();
        session.men = t.participantsMen();
        doc.trainings.put(t.sessionId(), session);
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
}

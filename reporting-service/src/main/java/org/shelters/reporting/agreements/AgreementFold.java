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
import org.shelters.reporting.projection.Applying;
import org.shelters.reporting.projection.Changes;
import org.shelters.reporting.projection.Projection;
import org.shelters.reporting.projection.TopicProjection;

/** The write side of {@code agreements.v1}: status, current terms (amendments replace them), trainings by session. */
public final class AgreementFold {

    public static final Projection<AgreementDoc> AGREEMENTS =
            new Projection<>("agreement_fulfilment", AgreementDoc.class, AgreementDoc::empty,
                    List.of("shelterId", "status"));

    /*
     * Fields set by more than one event type carry the sequence that set them, so an event applied
     * late (a replayed dead letter) never overwrites what a later event set. Fields that one event
     * type alone sets (signedOn, originalBudget) need no stamp: the guard applies an event once.
     */
    static final String HEADER = "header";
    static final String TERMS = "terms";
    static final String STATUS = "status";

    static final EventSwitch<AgreementEvent, Applying<AgreementDoc>> APPLY =
            EventSwitch.over(AgreementEvent.class, Applying.to(AgreementDoc.class))
                    .on(AgreementDrafted.class, AgreementFold::drafted)
                    .on(AgreementSigned.class, AgreementFold::signed)
                    .on(AgreementAmended.class, (at, amended) -> {
                        terms(at, amended.terms());
                        // the highest number wins, whatever the order the amendments arrive in
                        at.doc().amendments = Math.max(at.doc().amendments, amended.amendmentNumber());
                    })
                    .on(AgreementSuspended.class, (at, suspended) -> status(at, "SUSPENDED"))
                    .on(AgreementResumed.class, (at, resumed) -> status(at, "SIGNED"))
                    .on(AgreementTerminated.class, (at, terminated) -> status(at, "TERMINATED"))
                    .on(AgreementExpired.class, (at, expired) -> status(at, "EXPIRED"))
                    .on(AgreementCompleted.class, (at, completed) -> status(at, "COMPLETED"))
                    .on(TrainingSessionDelivered.class, AgreementFold::trained)
                    .build();

    public static final TopicProjection<AgreementEvent> PROJECTION =
            new TopicProjection<>(Topics.AGREEMENTS, List.of(AGREEMENTS), AgreementFold::fold);

    private AgreementFold() {
    }

    /** Every event of an agreement changes that agreement's document, and no other. */
    static void fold(Changes changes, AgreementEvent event) {
        changes.change(AGREEMENTS, event.agreementId(), at -> apply(at, event));
    }

    /** Applies {@code event}, of aggregate sequence {@code sequence}, to {@code doc} (the guard already admitted it). */
    public static void apply(AgreementDoc doc, AgreementEvent event, long sequence) {
        apply(new Applying<>(doc, sequence), event);
    }

    static void apply(Applying<AgreementDoc> at, AgreementEvent event) {
        if (at.doc().shelterId == null) {
            at.doc().shelterId = event.shelterId();
        }
        APPLY.apply(at, event);
    }

    private static void drafted(Applying<AgreementDoc> at, AgreementDrafted d) {
        header(at, d.programmeCode(), d.donor(), d.phase(), d.year());
        terms(at, d.terms());
        status(at, "DRAFT");
    }

    private static void signed(Applying<AgreementDoc> at, AgreementSigned s) {
        AgreementDoc doc = at.doc();
        header(at, s.programmeCode(), s.donor(), s.phase(), s.year());
        terms(at, s.terms());
        status(at, "SIGNED");
        doc.signedOn = s.signedOn();
        if (s.terms() != null && s.terms().budget() != null) {
            // the IATI "Original" budget is the signed one, even when an amendment was applied before it
            doc.originalBudget = s.terms().budget().amount();
        }
    }

    private static void status(Applying<AgreementDoc> at, String status) {
        if (at.sets(STATUS)) {
            at.doc().status = status;
        }
    }

    /** Sessions are keyed by id: the guard applies each session once, and a repeated session replaces, never adds. */
    private static void trained(Applying<AgreementDoc> at, TrainingSessionDelivered t) {
        AgreementDoc.Session session = new AgreementDoc.Session();
        session.topic = t.topic();
        session.date = t.date();
        session.women = t.participantsWomen();
        session.men = t.participantsMen();
        at.doc().trainings.put(t.sessionId(), session);
    }

    private static void header(Applying<AgreementDoc> at, String programmeCode, String donor, String phase, int year) {
        if (!at.sets(HEADER)) {
            return;
        }
        AgreementDoc doc = at.doc();
        doc.programmeCode = programmeCode;
        doc.donor = donor;
        doc.phase = phase;
        doc.year = year;
    }

    /** Terms are carried whole by each event: replace, never merge; never over the terms of a later event. */
    private static void terms(Applying<AgreementDoc> at, AgreementTerms terms) {
        if (terms == null || !at.sets(TERMS)) {
            return;
        }
        AgreementDoc doc = at.doc();
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
            c.unitCost = line.unitCost();
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

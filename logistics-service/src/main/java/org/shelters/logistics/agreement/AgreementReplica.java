package org.shelters.logistics.agreement;

import java.util.List;
import java.util.Optional;
import org.shelters.events.EventSwitch;
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
import org.shelters.events.agreements.TrainingSessionDelivered;

/**
 * What logistics knows of one agreement, built only from agreements.v1 events.
 *
 * <p>Events are folded in {@code sequence} order, and one may come late: dead-lettered, then
 * re-driven after later events of the agreement were applied (shared-events README, "Late
 * events"). So the replica remembers the sequences it skipped ({@code missing}), applies a late
 * event only if its sequence is one of them (anything else at or below {@code sequence} is a
 * redelivery), and each field carries the sequence of the event that set it: an event sets a field
 * only if it is newer than what set it, so a late event never overwrites what a later one said.
 *
 * @param statusSequence      the sequence of the event that stated {@code status} (0: none did)
 * @param commitmentsSequence the sequence of the event whose terms {@code commitments} are (0: none)
 * @param sequence            the highest sequence applied
 * @param missing             sequences below {@code sequence} not applied yet
 * @param gaps                how many events arrived with a sequence beyond the next expected one
 * @param revision            how many events changed this replica: its write guard, raised by every
 *                            applied event, in order or late (a late one leaves {@code sequence} as it is)
 */
public record AgreementReplica(
        String agreementId,
        String shelterId,
        AgreementStatus status,
        long statusSequence,
        List<CommitmentLine> commitments,
        long commitmentsSequence,
        long sequence,
        MissingSequences missing,
        long gaps,
        long revision) {

    /**
     * What each agreement event changes. Signed, amended and drafted carry the full terms, so the
     * commitments never depend on an earlier event; status events set the status they name. A
     * training session concerns nothing logistics keeps, but its sequence still moves the replica on.
     */
    private static final EventSwitch<AgreementEvent, Fold> APPLY = EventSwitch.over(AgreementEvent.class, Fold.class)
            .on(AgreementDrafted.class, Fold::drafted)
            .on(AgreementSigned.class, (fold, signed) -> fold.signed(signed.terms()))
            .on(AgreementAmended.class, Fold::amended)
            .on(AgreementSuspended.class, (fold, suspended) -> fold.status(AgreementStatus.SUSPENDED))
            .on(AgreementResumed.class, (fold, resumed) -> fold.status(AgreementStatus.SIGNED))
            .on(AgreementTerminated.class, (fold, terminated) -> fold.status(AgreementStatus.TERMINATED))
            .on(AgreementExpired.class, (fold, expired) -> fold.status(AgreementStatus.EXPIRED))
            .on(AgreementCompleted.class, (fold, completed) -> fold.status(AgreementStatus.COMPLETED))
            .ignore(TrainingSessionDelivered.class)
            .build();

    public AgreementReplica {
        commitments = commitments == null ? List.of() : List.copyOf(commitments);
        status = status == null ? AgreementStatus.UNKNOWN : status;
        // replicas stored before sequences were remembered skipped none that can still be applied
        missing = missing == null ? MissingSequences.none() : missing;
    }

    public Optional<CommitmentLine> commitment(String lineId) {
        return commitments.stream().filter(c -> c.lineId().equals(lineId)).findFirst();
    }

    /** Whether an event with this sequence is news: beyond the highest applied, or one that was skipped. */
    public boolean accepts(long eventSequence) {
        return eventSequence > sequence || missing.contains(eventSequence);
    }

    /** Whether an event with this sequence leaves a gap: some before it, after the highest applied, are missing. */
    public boolean skips(long eventSequence) {
        // written so that neither side can overflow (sequences are at least 1)
        return eventSequence - 1 > sequence;
    }

    /** Whether an event with this sequence is a skipped one, arriving late. */
    public boolean late(long eventSequence) {
        return eventSequence <= sequence && missing.contains(eventSequence);
    }

    /** Whether the event with this sequence is the one that stated the current status. */
    public boolean statusSetBy(long eventSequence) {
        return statusSequence == eventSequence && eventSequence > 0;
    }

    /**
     * The replica after {@code event} (which has envelope sequence {@code sequence}); {@code current}
     * is null for an agreement not seen before. An event it does not {@link #accepts accept} (a
     * redelivery) changes nothing.
     */
    public static AgreementReplica apply(AgreementReplica current, AgreementEvent event, long sequence) {
        AgreementReplica before = current != null ? current : new AgreementReplica(event.agreementId(), event.shelterId(),
                AgreementStatus.UNKNOWN, 0, List.of(), 0, 0, MissingSequences.none(), 0, 0);
        if (!before.accepts(sequence)) {
            return current;
        }
        Fold fold = new Fold(before, sequence);
        APPLY.apply(fold, event);
        MissingSequences missing = before.missing;
        long gaps = before.gaps;
        if (before.skips(sequence)) {
            missing = missing.plus(before.sequence + 1, sequence - 1);
            gaps++;
        } else if (sequence <= before.sequence) {
            missing = missing.minus(sequence);
        }
        return new AgreementReplica(event.agreementId(), event.shelterId(), fold.status, fold.statusSequence,
                fold.commitments, fold.commitmentsSequence, Math.max(before.sequence, sequence), missing, gaps,
                before.revision + 1);
    }

    /**
     * The fields an event may change, mutable only while one event is applied (the switch's actions
     * return nothing). Each setter sets its field only if the event is newer than what set it.
     */
    private static final class Fold {
        private final long eventSequence;
        private AgreementStatus status;
        private long statusSequence;
        private List<CommitmentLine> commitments;
        private long commitmentsSequence;

        private Fold(AgreementReplica before, long eventSequence) {
            this.eventSequence = eventSequence;
            this.status = before.status;
            this.statusSequence = before.statusSequence;
            this.commitments = before.commitments;
            this.commitmentsSequence = before.commitmentsSequence;
        }

        private void status(AgreementStatus stated) {
            if (statusSequence < eventSequence) {
                status = stated;
                statusSequence = eventSequence;
            }
        }

        private void terms(AgreementTerms terms) {
            if (commitmentsSequence < eventSequence) {
                commitments = terms.commitments();
                commitmentsSequence = eventSequence;
            }
        }

        private void signed(AgreementTerms terms) {
            status(AgreementStatus.SIGNED);
            terms(terms);
        }

        /**
         * A draft is the first event of every agreement: if anything already told or implied a
         * status (an amendment seen before it), that came later, so a late draft only brings terms
         * nothing newer brought.
         */
        private void drafted(AgreementDrafted drafted) {
            if (status == AgreementStatus.UNKNOWN) {
                status(AgreementStatus.DRAFT);
            }
            terms(drafted.terms());
        }

        /**
         * Amendments are made only to signed agreements; an amendment seen while the replica still
         * says draft (after a gap) therefore tells us the agreement is signed. That is an inference,
         * not a statement: the status keeps the sequence it had, so the missing signing, or a missing
         * suspension, still sets what it says when it arrives late. A suspended one stays suspended.
         */
        private void amended(AgreementAmended amended) {
            if (status == AgreementStatus.UNKNOWN || status == AgreementStatus.DRAFT) {
                status = AgreementStatus.SIGNED;
            }
            terms(amended.terms());
        }
    }
}

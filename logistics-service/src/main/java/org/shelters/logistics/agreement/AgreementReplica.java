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
 * @param sequence the envelope sequence of the last agreement event applied
 * @param gaps     how many events arrived with a sequence beyond the next expected one
 */
public record AgreementReplica(
        String agreementId,
        String shelterId,
        AgreementStatus status,
        long sequence,
        List<CommitmentLine> commitments,
        long gaps) {

    /**
     * What each agreement event changes. Signed, amended and drafted carry the full terms, so the
     * commitments never depend on an earlier event; status events set the status they name. A
     * training session concerns nothing logistics keeps, but its sequence still moves the replica on.
     */
    private static final EventSwitch<AgreementEvent, Fold> APPLY = EventSwitch.over(AgreementEvent.class, Fold.class)
            .on(AgreementDrafted.class, (fold, drafted) -> fold.terms(AgreementStatus.DRAFT, drafted.terms()))
            .on(AgreementSigned.class, (fold, signed) -> fold.terms(AgreementStatus.SIGNED, signed.terms()))
            .on(AgreementAmended.class, Fold::amended)
            .on(AgreementSuspended.class, (fold, suspended) -> fold.status = AgreementStatus.SUSPENDED)
            .on(AgreementResumed.class, (fold, resumed) -> fold.status = AgreementStatus.SIGNED)
            .on(AgreementTerminated.class, (fold, terminated) -> fold.status = AgreementStatus.TERMINATED)
            .on(AgreementExpired.class, (fold, expired) -> fold.status = AgreementStatus.EXPIRED)
            .on(AgreementCompleted.class, (fold, completed) -> fold.status = AgreementStatus.COMPLETED)
            .ignore(TrainingSessionDelivered.class)
            .build();

    public AgreementReplica {
        commitments = commitments == null ? List.of() : List.copyOf(commitments);
        status = status == null ? AgreementStatus.UNKNOWN : status;
    }

    public Optional<CommitmentLine> commitment(String lineId) {
        return commitments.stream().filter(c -> c.lineId().equals(lineId)).findFirst();
    }

    /**
     * The replica after {@code event} (which has envelope sequence {@code sequence}); {@code current}
     * is null for an agreement not seen before.
     */
    public static AgreementReplica apply(AgreementReplica current, AgreementEvent event, long sequence) {
        Fold fold = current == null ? new Fold(AgreementStatus.UNKNOWN, List.of()) : new Fold(current.status, current.commitments);
        long gaps = current == null ? 0 : current.gaps;
        long expected = (current == null ? 0 : current.sequence) + 1;
        if (sequence > expected) {
            gaps++;
        }
        APPLY.apply(fold, event);
        return new AgreementReplica(event.agreementId(), event.shelterId(), fold.status, sequence, fold.commitments, gaps);
    }

    /** The fields an event may change, mutable only while one event is applied (the switch's actions return nothing). */
    private static final class Fold {
        private AgreementStatus status;
        private List<CommitmentLine> commitments;

        private Fold(AgreementStatus status, List<CommitmentLine> commitments) {
            this.status = status;
            this.commitments = commitments;
        }

        private void terms(AgreementStatus newStatus, AgreementTerms terms) {
            status = newStatus;
            commitments = terms.commitments();
        }

        /**
         * Amendments are made only to signed agreements; an amendment seen first (after a gap)
         * therefore tells us the agreement is signed. A suspended one stays suspended.
         */
        private void amended(AgreementAmended amended) {
            if (status == AgreementStatus.UNKNOWN || status == AgreementStatus.DRAFT) {
                status = AgreementStatus.SIGNED;
            }
            commitments = amended.terms().commitments();
        }
    }
}

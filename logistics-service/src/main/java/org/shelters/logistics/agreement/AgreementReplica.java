package org.shelters.logistics.agreement;

import java.util.List;
import java.util.Optional;
import org.shelters.events.agreements.AgreementAmended;
import org.shelters.events.agreements.AgreementCompleted;
import org.shelters.events.agreements.AgreementDrafted;
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.agreements.AgreementExpired;
import org.shelters.events.agreements.AgreementResumed;
import org.shelters.events.agreements.AgreementSigned;
import org.shelters.events.agreements.AgreementSuspended;
import org.shelters.events.agreements.AgreementTerminated;
import org.shelters.events.agreements.CommitmentLine;

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

    public AgreementReplica {
        commitments = commitments == null ? List.of() : List.copyOf(commitments);
        status = status == null ? AgreementStatus.UNKNOWN : status;
    }

    public Optional<CommitmentLine> commitment(String lineId) {
        return commitments.stream().filter(c -> c.lineId().equals(lineId)).findFirst();
    }

    /**
     * The replica after {@code event} (which has envelope sequence {@code sequence}); {@code current}
     * is null for an agreement not seen before. Signed, amended and drafted carry the full terms,
     * so the commitments never depend on an earlier event; status events set the status they name.
     */
    public static AgreementReplica apply(AgreementReplica current, AgreementEvent event, long sequence) {
        AgreementStatus status = current == null ? AgreementStatus.UNKNOWN : current.status;
        List<CommitmentLine> commitments = current == null ? List.of() : current.commitments;
        long gaps = current == null ? 0 : current.gaps;
        long expected = (current == null ? 0 : current.sequence) + 1;
        if (sequence > expected) {
            gaps++;
        }
        if (event instanceof AgreementDrafted drafted) {
            status = AgreementStatus.DRAFT;
            commitments = drafted.terms().commitments();
        } else if (event instanceof AgreementSigned signed) {
            status = AgreementStatus.SIGNED;
            commitments = signed.terms().commitments();
        } else if (event instanceof AgreementAmended amended) {
            // amendments are made only to signed agreements; an amendment seen first (after a
            // gap) therefore tells us the agreement is signed
            if (status == AgreementStatus.UNKNOWN || status == AgreementStatus.DRAFT) {
                status = AgreementStatus.SIGNED;
            }
            commitments = amended.terms().commitments();
        } else if (event instanceof AgreementSuspended) {
            status = AgreementStatus.SUSPENDED;
        } else if (event instanceof AgreementResumed) {
            status = AgreementStatus.SIGNED;
        } else if (event instanceof AgreementTerminated) {
            status = AgreementStatus.TERMINATED;
        } else if (event instanceof AgreementExpired) {
            status = AgreementStatus.EXPIRED;
        } else if (event instanceof AgreementCompleted) {
            status = AgreementStatus.COMPLETED;
        }
        // TrainingSessionDelivered: nothing for logistics, but the sequence moves on
        return new AgreementReplica(event.agreementId(), event.shelterId(), status, sequence, commitments, gaps);
    }
}

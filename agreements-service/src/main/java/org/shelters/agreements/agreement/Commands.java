package org.shelters.agreements.agreement;

import java.time.LocalDate;
import java.util.List;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.ConstructionWork;
import org.shelters.events.agreements.Money;
import org.shelters.events.agreements.Period;
import org.shelters.events.agreements.PlannedTraining;
import org.shelters.events.agreements.TrainingTopic;

/** The commands of the agreements API, as their JSON request bodies. */
public final class Commands {

    private Commands() {
    }

    /** Commitment lines and works may come without ids: the agreement numbers them (L1, L2, …; W1, …). */
    public record DraftAgreement(
            String shelterId,
            String programmeCode,
            String donor,
            String phase,
            Integer year,
            Period period,
            Money budget,
            List<CommitmentLine> commitments,
            List<PlannedTraining> plannedTrainings,
            List<ConstructionWork> constructionWorks) {
    }

    /** @param signedOn defaults to today */
    public record SignAgreement(LocalDate signedOn) {
    }

    /**
     * Changes commitments, budget, period (and, if given, planned trainings or works). A part left
     * null stays as it is; a list given replaces the whole list (lines keep their lineId when sent with it).
     */
    public record AmendAgreement(
            String reason,
            Period period,
            Money budget,
            List<CommitmentLine> commitments,
            List<PlannedTraining> plannedTrainings,
            List<ConstructionWork> constructionWorks) {
    }

    public record GiveReason(String reason) {
    }

    public record RecordTraining(TrainingTopic topic, LocalDate date, Integer participantsWomen, Integer participantsMen) {
    }
}

package org.shelters.events.agreements;

import java.util.List;

/**
 * Everything an agreement commits, as one value: carried whole by AgreementDrafted, AgreementSigned
 * and AgreementAmended so that a consumer never needs an earlier event to know the current terms.
 */
public record AgreementTerms(
        Period period,
        Money budget,
        List<CommitmentLine> commitments,
        List<PlannedTraining> plannedTrainings,
        List<ConstructionWork> constructionWorks) {

    public AgreementTerms {
        commitments = commitments == null ? List.of() : List.copyOf(commitments);
        plannedTrainings = plannedTrainings == null ? List.of() : List.copyOf(plannedTrainings);
        constructionWorks = constructionWorks == null ? List.of() : List.copyOf(constructionWorks);
    }
}

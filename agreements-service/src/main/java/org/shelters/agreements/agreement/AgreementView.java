package org.shelters.agreements.agreement;

import java.time.LocalDate;
import java.util.List;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.ConstructionWork;
import org.shelters.events.agreements.Money;
import org.shelters.events.agreements.Period;
import org.shelters.events.agreements.PlannedTraining;
import org.shelters.platform.outbox.Stored;

/**
 * An agreement as the API shows it: current terms, plus the history (original and revised
 * budgets, numbered amendments, trainings delivered). {@code version} is also the ETag.
 */
public record AgreementView(
        String agreementId,
        String shelterId,
        String shelterState,
        String programmeCode,
        String donor,
        String phase,
        int year,
        AgreementStatus status,
        Period period,
        Money budget,
        List<CommitmentLine> commitments,
        List<PlannedTraining> plannedTrainings,
        List<ConstructionWork> constructionWorks,
        LocalDate signedOn,
        String statusReason,
        LocalDate closedOn,
        int amendmentCount,
        List<BudgetRevision> budgetHistory,
        List<Amendment> amendments,
        List<TrainingSession> trainingsDelivered,
        long version) {

    static AgreementView of(Stored<Agreement> stored) {
        Agreement a = stored.state();
        return new AgreementView(a.agreementId(), a.shelterId(), a.shelterState(), a.programmeCode(), a.donor(), a.phase(),
                a.year(), a.status(), a.terms().period(), a.terms().budget(), a.terms().commitments(),
                a.terms().plannedTrainings(), a.terms().constructionWorks(), a.signedOn(), a.statusReason(), a.closedOn(),
                a.amendments().size(), a.budgets(), a.amendments(), a.trainingsDelivered(), stored.version());
    }
}

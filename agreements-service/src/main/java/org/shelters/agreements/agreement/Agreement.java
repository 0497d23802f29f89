package org.shelters.agreements.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.shelters.agreements.agreement.Commands.AmendAgreement;
import org.shelters.agreements.agreement.Commands.DraftAgreement;
import org.shelters.agreements.agreement.Commands.RecordTraining;
import org.shelters.agreements.agreement.Commands.SignAgreement;
import org.shelters.agreements.movement.MovedQuantities;
import org.shelters.events.agreements.AgreementAmended;
import org.shelters.events.agreements.AgreementCompleted;
import org.shelters.events.agreements.AgreementDrafted;
import org.shelters.events.agreements.AgreementExpired;
import org.shelters.events.agreements.AgreementResumed;
import org.shelters.events.agreements.AgreementSigned;
import org.shelters.events.agreements.AgreementSuspended;
import org.shelters.events.agreements.AgreementTerminated;
import org.shelters.events.agreements.AgreementTerms;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.ConstructionWork;
import org.shelters.events.agreements.Money;
import org.shelters.events.agreements.TrainingSessionDelivered;
import org.shelters.platform.domain.Decision;
import org.shelters.platform.domain.Refusal;

/**
 * A cooperation agreement with one shelter: draft -> signed -> (amended)* -> completed |
 * terminated | expired, with suspend/resume while signed. Pure: every command returns the new
 * state and its events, or throws a {@link Refusal}; the caller stores both in one write. Whether a
 * request is well-formed is the command's own business ({@link Commands}); the agreement asks it
 * first and then decides what its current state allows.
 *
 * @param shelterState     the shelter's ISO 3166-2:MX code when drafted (for filtering by state)
 * @param budgets          original budget, then one revised budget per amendment that changed it
 * @param lastLineNumber   highest generated commitment line number, so removed line ids are never reused
 * @param lastWorkNumber   same for construction works
 * @param retiredLines     the last terms of each commitment line an amendment removed: its id still
 *                         names that item (logistics and reporting keep its shipments under it), so a
 *                         line sent again with that id must be the same item
 */
public record Agreement(
        String agreementId,
        String shelterId,
        String shelterState,
        String programmeCode,
        String donor,
        String phase,
        int year,
        AgreementStatus status,
        AgreementTerms terms,
        List<BudgetRevision> budgets,
        List<Amendment> amendments,
        List<TrainingSession> trainingsDelivered,
        LocalDate signedOn,
        String statusReason,
        LocalDate closedOn,
        int lastLineNumber,
        int lastWorkNumber,
        List<CommitmentLine> retiredLines) {

    public Agreement {
        budgets = budgets == null ? List.of() : List.copyOf(budgets);
        amendments = amendments == null ? List.of() : List.copyOf(amendments);
        trainingsDelivered = trainingsDelivered == null ? List.of() : List.copyOf(trainingsDelivered);
        // agreements stored before removed lines were remembered have none
        retiredLines = retiredLines == null ? List.of() : List.copyOf(retiredLines);
    }

    /** The key of "one signed agreement per shelter, programme and phase". */
    public String signingSlot() {
        return shelterId + "|" + programmeCode + "|" + phase;
    }

    public static Decision<Agreement> draft(String agreementId, DraftAgreement command, String shelterState, LocalDate today) {
        command.validate();
        Numbered<CommitmentLine> lines = numberLines(command.commitments(), 0);
        Numbered<ConstructionWork> works = numberWorks(command.constructionWorks(), 0);
        AgreementTerms terms = new AgreementTerms(command.period(), normalise(command.budget()), lines.items(),
                command.plannedTrainings(), works.items());
        Agreement agreement = new Agreement(agreementId, command.shelterId(), shelterState, command.programmeCode().trim(),
                command.donor().trim(), command.phase().trim(), command.year(), AgreementStatus.DRAFT, terms,
                List.of(new BudgetRevision(BudgetRevision.Type.ORIGINAL, terms.budget(), today, null)),
                List.of(), List.of(), null, null, null, lines.last(), works.last(), List.of());
        return Decision.of(agreement, new AgreementDrafted(agreementId, agreement.shelterId, agreement.programmeCode,
                agreement.donor, agreement.phase, agreement.year, terms));
    }

    public Decision<Agreement> sign(SignAgreement command, LocalDate today) {
        if (status != AgreementStatus.DRAFT) {
            throw illegal("only a DRAFT agreement can be signed; this one is " + status);
        }
        command.validate();
        LocalDate on = command.signedOn() == null ? today : command.signedOn();
        if (on.isAfter(today)) {
            throw Refusal.rule("signing-date-in-future", "signedOn", "cannot be signed on a future date (" + on + ")");
        }
        if (terms.commitments().isEmpty() && terms.plannedTrainings().isEmpty()) {
            throw Refusal.rule("nothing-committed", "commitments",
                    "an agreement needs at least one commitment line or planned training to be signed");
        }
        if (terms.period().end().isBefore(today)) {
            throw Refusal.rule("period-ended", "period.end",
                    "the agreement's period ended on " + terms.period().end() + "; amend the draft's period before signing");
        }
        Agreement signed = with(AgreementStatus.SIGNED, on, null, null);
        return Decision.of(signed, new AgreementSigned(agreementId, shelterId, programmeCode, donor, phase, year, on, terms));
    }

    /**
     * @param moved what logistics has moved against each commitment line so far (the caller looks it
     *              up): a line with movements can be neither removed nor lowered below them
     */
    public Decision<Agreement> amend(AmendAgreement command, MovedQuantities moved, LocalDate today) {
        if (status != AgreementStatus.SIGNED) {
            throw illegal("only a SIGNED agreement can be amended; this one is " + status);
        }
        command.validate(today);
        Numbered<CommitmentLine> lines = command.commitments() == null
                ? new Numbered<>(terms.commitments(), lastLineNumber) : numberLines(command.commitments(), lastLineNumber);
        List<CommitmentLine> retired = retiredLines;
        if (command.commitments() != null) {
            CommitmentLineRules.check(terms.commitments(), retiredLines, lines.items(), moved);
            retired = CommitmentLineRules.retiredAfter(terms.commitments(), retiredLines, lines.items());
        }
        Numbered<ConstructionWork> works = command.constructionWorks() == null
                ? new Numbered<>(terms.constructionWorks(), lastWorkNumber) : numberWorks(command.constructionWorks(), lastWorkNumber);
        AgreementTerms amended = new AgreementTerms(
                command.period() == null ? terms.period() : command.period(),
                command.budget() == null ? terms.budget() : normalise(command.budget()),
                lines.items(),
                command.plannedTrainings() == null ? terms.plannedTrainings() : command.plannedTrainings(),
                works.items());
        List<String> changed = new ArrayList<>();
        if (!amended.period().equals(terms.period())) {
            changed.add("period");
        }
        boolean budgetChanged = !sameMoney(amended.budget(), terms.budget());
        if (budgetChanged) {
            changed.add("budget");
        }
        if (!sameLines(amended.commitments(), terms.commitments())) {
            changed.add("commitments");
        }
        if (!amended.plannedTrainings().equals(terms.plannedTrainings())) {
            changed.add("plannedTrainings");
        }
        if (!amended.constructionWorks().equals(terms.constructionWorks())) {
            changed.add("constructionWorks");
        }
        if (changed.isEmpty()) {
            throw Refusal.rule("amendment-changes-nothing", null,
                    "the amendment changes neither commitments, budget, period, trainings nor works");
        }
        if (amended.commitments().isEmpty() && amended.plannedTrainings().isEmpty()) {
            throw Refusal.rule("nothing-committed", "commitments",
                    "a signed agreement must keep at least one commitment line or planned training");
        }
        int number = amendments.size() + 1;
        List<Amendment> history = new ArrayList<>(amendments);
        history.add(new Amendment(number, today, command.reason().trim(), changed, amended));
        List<BudgetRevision> budgetHistory = new ArrayList<>(budgets);
        if (budgetChanged) {
            budgetHistory.add(new BudgetRevision(BudgetRevision.Type.REVISED, amended.budget(), today, number));
        }
        Agreement next = new Agreement(agreementId, shelterId, shelterState, programmeCode, donor, phase, year, status,
                amended, budgetHistory, history, trainingsDelivered, signedOn, statusReason, closedOn, lines.last(), works.last(),
                retired);
        return Decision.of(next, new AgreementAmended(agreementId, shelterId, number, command.reason().trim(), amended));
    }

    public Decision<Agreement> suspend(String reason) {
        requireReason(reason);
        if (status != AgreementStatus.SIGNED) {
            throw illegal("only a SIGNED agreement can be suspended; this one is " + status);
        }
        return Decision.of(with(AgreementStatus.SUSPENDED, signedOn, reason.trim(), null),
                new AgreementSuspended(agreementId, shelterId, reason.trim()));
    }

    public Decision<Agreement> resume() {
        if (status != AgreementStatus.SUSPENDED) {
            throw illegal("only a SUSPENDED agreement can be resumed; this one is " + status);
        }
        return Decision.of(with(AgreementStatus.SIGNED, signedOn, null, null), new AgreementResumed(agreementId, shelterId));
    }

    public Decision<Agreement> terminate(String reason, LocalDate today) {
        requireReason(reason);
        if (!status.inForce()) {
            throw illegal("only a SIGNED or SUSPENDED agreement can be terminated; this one is " + status);
        }
        return Decision.of(with(AgreementStatus.TERMINATED, signedOn, reason.trim(), today),
                new AgreementTerminated(agreementId, shelterId, reason.trim()));
    }

    public Decision<Agreement> complete(LocalDate today) {
        if (status != AgreementStatus.SIGNED) {
            throw illegal("only a SIGNED agreement can be completed; this one is " + status);
        }
        return Decision.of(with(AgreementStatus.COMPLETED, signedOn, null, today), new AgreementCompleted(agreementId, shelterId));
    }

    /** True when the clock should expire it: in force and its period ended before {@code today}. */
    public boolean hasEnded(LocalDate today) {
        return status.inForce() && terms.period().end().isBefore(today);
    }

    public Decision<Agreement> expire(LocalDate today) {
        if (!status.inForce()) {
            throw illegal("only a SIGNED or SUSPENDED agreement can expire; this one is " + status);
        }
        if (!terms.period().end().isBefore(today)) {
            throw illegal("the period runs until " + terms.period().end() + "; it has not ended");
        }
        return Decision.of(with(AgreementStatus.EXPIRED, signedOn, null, today),
                new AgreementExpired(agreementId, shelterId, terms.period().end()));
    }

    public Decision<Agreement> recordTraining(RecordTraining command, LocalDate today) {
        if (status != AgreementStatus.SIGNED) {
            throw illegal("trainings are recorded under a SIGNED agreement; this one is " + status);
        }
        command.validate(today, terms.period().start());
        String sessionId = "S" + (trainingsDelivered.size() + 1);
        TrainingSession session = new TrainingSession(sessionId, command.topic(), command.date(), command.participantsWomen(),
                command.participantsMen());
        List<TrainingSession> sessions = new ArrayList<>(trainingsDelivered);
        sessions.add(session);
        Agreement next = new Agreement(agreementId, shelterId, shelterState, programmeCode, donor, phase, year, status, terms,
                budgets, amendments, sessions, signedOn, statusReason, closedOn, lastLineNumber, lastWorkNumber, retiredLines);
        return Decision.of(next, new TrainingSessionDelivered(agreementId, shelterId, sessionId, session.topic(), session.date(),
                session.participantsWomen(), session.participantsMen()));
    }

    private Agreement with(AgreementStatus newStatus, LocalDate newSignedOn, String reason, LocalDate closed) {
        return new Agreement(agreementId, shelterId, shelterState, programmeCode, donor, phase, year, newStatus, terms, budgets,
                amendments, trainingsDelivered, newSignedOn, reason, closed, lastLineNumber, lastWorkNumber, retiredLines);
    }

    /** The command does not fit the current state, e.g. resuming an agreement that is not suspended. */
    private static Refusal illegal(String reason) {
        return Refusal.conflict("illegal-transition", reason);
    }

    /** A suspension or termination is always explained: the reason is published with it. */
    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw Refusal.invalid("reason", "is required");
        }
    }

    private static Numbered<CommitmentLine> numberLines(List<CommitmentLine> lines, int lastNumber) {
        return Numbered.number(lines, lastNumber, "L", CommitmentLine::lineId, (line, id) -> new CommitmentLine(id,
                line.category(), line.itemCode().trim(), line.description(), line.quantity(), line.unit().trim(),
                line.unitCost()));
    }

    private static Numbered<ConstructionWork> numberWorks(List<ConstructionWork> works, int lastNumber) {
        return Numbered.number(works, lastNumber, "W", ConstructionWork::workId,
                (work, id) -> new ConstructionWork(id, work.kind(), work.description()));
    }

    private static Money normalise(Money money) {
        return new Money(money.amount(), money.currency());
    }

    private static boolean sameMoney(Money a, Money b) {
        return a.currency().equals(b.currency()) && a.amount().compareTo(b.amount()) == 0;
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static boolean sameLines(List<CommitmentLine> a, List<CommitmentLine> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            CommitmentLine x = a.get(i);
            CommitmentLine y = b.get(i);
            if (!x.lineId().equals(y.lineId()) || x.category() != y.category() || !x.itemCode().equals(y.itemCode())
                    || !Objects.equals(x.description(), y.description()) || x.quantity().compareTo(y.quantity()) != 0
                    || !x.unit().equals(y.unit()) || !sameAmount(x.unitCost(), y.unitCost())) {
                return false;
            }
        }
        return true;
    }
}

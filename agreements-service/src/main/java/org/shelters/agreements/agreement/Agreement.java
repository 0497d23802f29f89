package org.shelters.agreements.agreement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.shelters.agreements.Decision;
import org.shelters.agreements.IllegalTransitionException;
import org.shelters.agreements.RuleViolationException;
import org.shelters.agreements.Validator;
import org.shelters.agreements.agreement.Commands.AmendAgreement;
import org.shelters.agreements.agreement.Commands.DraftAgreement;
import org.shelters.agreements.agreement.Commands.RecordTraining;
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
import org.shelters.events.agreements.Period;
import org.shelters.events.agreements.PlannedTraining;
import org.shelters.events.agreements.TrainingSessionDelivered;

/**
 * A cooperation agreement with one shelter: draft -> signed -> (amended)* -> completed |
 * terminated | expired, with suspend/resume while signed. Pure: every command returns the new
 * state and its events, or refuses with a reason; the caller stores both in one write.
 *
 * @param shelterState     the shelter's ISO 3166-2:MX code when drafted (for filtering by state)
 * @param budgets          original budget, then one revised budget per amendment that changed it
 * @param lastLineNumber   highest generated commitment line number, so removed line ids are never reused
 * @param lastWorkNumber   same for construction works
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
        int lastWorkNumber) {

    public Agreement {
        budgets = budgets == null ? List.of() : List.copyOf(budgets);
        amendments = amendments == null ? List.of() : List.copyOf(amendments);
        trainingsDelivered = trainingsDelivered == null ? List.of() : List.copyOf(trainingsDelivered);
    }

    /** The key of "one signed agreement per shelter, programme and phase". */
    public String signingSlot() {
        return shelterId + "|" + programmeCode + "|" + phase;
    }

    public static Decision<Agreement> draft(String agreementId, DraftAgreement command, String shelterState, LocalDate today) {
        Validator v = new Validator();
        v.notBlank(command.shelterId(), "shelterId");
        if (v.notBlank(command.programmeCode(), "programmeCode")) {
            v.require(!command.programmeCode().matches(".*\\s.*"), "programmeCode", "must not contain spaces");
        }
        v.notBlank(command.donor(), "donor");
        v.notBlank(command.phase(), "phase");
        if (v.notNull(command.year(), "year")) {
            v.require(command.year() >= 2000 && command.year() <= 2100, "year", "must be between 2000 and 2100");
        }
        validatePeriod(v, command.period(), "period");
        validateBudget(v, command.budget(), "budget");
        validateCommitments(v, command.commitments(), "commitments");
        validateTrainings(v, command.plannedTrainings(), "plannedTrainings");
        validateWorks(v, command.constructionWorks(), "constructionWorks");
        v.throwIfInvalid();

        Numbered<CommitmentLine> lines = numberLines(command.commitments(), 0);
        Numbered<ConstructionWork> works = numberWorks(command.constructionWorks(), 0);
        AgreementTerms terms = new AgreementTerms(command.period(), normalise(command.budget()), lines.items(),
                command.plannedTrainings(), works.items());
        Agreement agreement = new Agreement(agreementId, command.shelterId(), shelterState, command.programmeCode().trim(),
                command.donor().trim(), command.phase().trim(), command.year(), AgreementStatus.DRAFT, terms,
                List.of(new BudgetRevision(BudgetRevision.Type.ORIGINAL, terms.budget(), today, null)),
                List.of(), List.of(), null, null, null, lines.last(), works.last());
        return Decision.of(agreement, new AgreementDrafted(agreementId, agreement.shelterId, agreement.programmeCode,
                agreement.donor, agreement.phase, agreement.year, terms));
    }

    public Decision<Agreement> sign(LocalDate signedOn, LocalDate today) {
        if (status != AgreementStatus.DRAFT) {
            throw new IllegalTransitionException("only a DRAFT agreement can be signed; this one is " + status);
        }
        LocalDate on = signedOn == null ? today : signedOn;
        if (on.isAfter(today)) {
            throw new RuleViolationException("signing-date-in-future", "signedOn", "cannot be signed on a future date (" + on + ")");
        }
        if (terms.commitments().isEmpty() && terms.plannedTrainings().isEmpty()) {
            throw new RuleViolationException("nothing-committed", "commitments",
                    "an agreement needs at least one commitment line or planned training to be signed");
        }
        if (terms.period().end().isBefore(today)) {
            throw new RuleViolationException("period-ended", "period.end",
                    "the agreement's period ended on " + terms.period().end() + "; amend the draft's period before signing");
        }
        Agreement signed = with(AgreementStatus.SIGNED, on, null, null);
        return Decision.of(signed, new AgreementSigned(agreementId, shelterId, programmeCode, donor, phase, year, on, terms));
    }

    public Decision<Agreement> amend(AmendAgreement command, LocalDate today) {
        if (status != AgreementStatus.SIGNED) {
            throw new IllegalTransitionException("only a SIGNED agreement can be amended; this one is " + status);
        }
        Validator v = new Validator();
        v.notBlank(command.reason(), "reason");
        if (command.period() != null) {
            if (validatePeriod(v, command.period(), "period")) {
                v.require(!command.period().end().isBefore(today), "period.end",
                        "must not be in the past (to end an agreement now, complete or terminate it)");
            }
        }
        if (command.budget() != null) {
            validateBudget(v, command.budget(), "budget");
        }
        if (command.commitments() != null) {
            validateCommitments(v, command.commitments(), "commitments");
        }
        if (command.plannedTrainings() != null) {
            validateTrainings(v, command.plannedTrainings(), "plannedTrainings");
        }
        if (command.constructionWorks() != null) {
            validateWorks(v, command.constructionWorks(), "constructionWorks");
        }
        v.throwIfInvalid();

        Numbered<CommitmentLine> lines = command.commitments() == null
                ? new Numbered<>(terms.commitments(), lastLineNumber) : numberLines(command.commitments(), lastLineNumber);
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
            throw new RuleViolationException("amendment-changes-nothing", null,
                    "the amendment changes neither commitments, budget, period, trainings nor works");
        }
        if (amended.commitments().isEmpty() && amended.plannedTrainings().isEmpty()) {
            throw new RuleViolationException("nothing-committed", "commitments",
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
                amended, budgetHistory, history, trainingsDelivered, signedOn, statusReason, closedOn, lines.last(), works.last());
        return Decision.of(next, new AgreementAmended(agreementId, shelterId, number, command.reason().trim(), amended));
    }

    public Decision<Agreement> suspend(String reason) {
        requireReason(reason);
        if (status != AgreementStatus.SIGNED) {
            throw new IllegalTransitionException("only a SIGNED agreement can be suspended; this one is " + status);
        }
        return Decision.of(with(AgreementStatus.SUSPENDED, signedOn, reason.trim(), null),
                new AgreementSuspended(agreementId, shelterId, reason.trim()));
    }

    public Decision<Agreement> resume() {
        if (status != AgreementStatus.SUSPENDED) {
            throw new IllegalTransitionException("only a SUSPENDED agreement can be resumed; this one is " + status);
        }
        return Decision.of(with(AgreementStatus.SIGNED, signedOn, null, null), new AgreementResumed(agreementId, shelterId));
    }

    public Decision<Agreement> terminate(String reason, LocalDate today) {
        requireReason(reason);
        if (!status.inForce()) {
            throw new IllegalTransitionException("only a SIGNED or SUSPENDED agreement can be terminated; this one is " + status);
        }
        return Decision.of(with(AgreementStatus.TERMINATED, signedOn, reason.trim(), today),
                new AgreementTerminated(agreementId, shelterId, reason.trim()));
    }

    public Decision<Agreement> complete(LocalDate today) {
        if (status != AgreementStatus.SIGNED) {
            throw new IllegalTransitionException("only a SIGNED agreement can be completed; this one is " + status);
        }
        return Decision.of(with(AgreementStatus.COMPLETED, signedOn, null, today), new AgreementCompleted(agreementId, shelterId));
    }

    /** True when the clock should expire it: in force and its period ended before {@code today}. */
    public boolean hasEnded(LocalDate today) {
        return status.inForce() && terms.period().end().isBefore(today);
    }

    public Decision<Agreement> expire(LocalDate today) {
        if (!status.inForce()) {
            throw new IllegalTransitionException("only a SIGNED or SUSPENDED agreement can expire; this one is " + status);
        }
        if (!terms.period().end().isBefore(today)) {
            throw new IllegalTransitionException("the period runs until " + terms.period().end() + "; it has not ended");
        }
        return Decision.of(with(AgreementStatus.EXPIRED, signedOn, null, today),
                new AgreementExpired(agreementId, shelterId, terms.period().end()));
    }

    public Decision<Agreement> recordTraining(RecordTraining command, LocalDate today) {
        if (status != AgreementStatus.SIGNED) {
            throw new IllegalTransitionException("trainings are recorded under a SIGNED agreement; this one is " + status);
        }
        Validator v = new Validator();
        v.notNull(command.topic(), "topic");
        if (v.notNull(command.date(), "date")) {
            v.require(!command.date().isAfter(today), "date", "must not be in the future (today is " + today + ")");
            v.require(!command.date().isBefore(terms.period().start()), "date",
                    "must not be before the agreement's period starts (" + terms.period().start() + ")");
        }
        boolean women = v.nonNegative(command.participantsWomen(), "participantsWomen");
        boolean men = v.nonNegative(command.participantsMen(), "participantsMen");
        if (women && men) {
            v.require(command.participantsWomen() + command.participantsMen() > 0, "participantsWomen",
                    "a session needs at least one participant");
        }
        v.throwIfInvalid();
        String sessionId = "S" + (trainingsDelivered.size() + 1);
        TrainingSession session = new TrainingSession(sessionId, command.topic(), command.date(), command.participantsWomen(),
                command.participantsMen());
        List<TrainingSession> sessions = new ArrayList<>(trainingsDelivered);
        sessions.add(session);
        Agreement next = new Agreement(agreementId, shelterId, shelterState, programmeCode, donor, phase, year, status, terms,
                budgets, amendments, sessions, signedOn, statusReason, closedOn, lastLineNumber, lastWorkNumber);
        return Decision.of(next, new TrainingSessionDelivered(agreementId, shelterId, sessionId, session.topic(), session.date(),
                session.participantsWomen(), session.participantsMen()));
    }

    private Agreement with(AgreementStatus newStatus, LocalDate newSignedOn, String reason, LocalDate closed) {
        return new Agreement(agreementId, shelterId, shelterState, programmeCode, donor, phase, year, newStatus, terms, budgets,
                amendments, trainingsDelivered, newSignedOn, reason, closed, lastLineNumber, lastWorkNumber);
    }

    private static void requireReason(String reason) {
        Validator v = new Validator();
        v.notBlank(reason, "reason");
        v.throwIfInvalid();
    }

    private static boolean validatePeriod(Validator v, Period period, String field) {
        if (!v.notNull(period, field)) {
            return false;
        }
        boolean start = v.notNull(period.start(), field + ".start");
        boolean end = v.notNull(period.end(), field + ".end");
        if (start && end) {
            v.require(!period.end().isBefore(period.start()), field + ".end", "must not be before the start");
            return !period.end().isBefore(period.start());
        }
        return false;
    }

    private static void validateBudget(Validator v, Money budget, String field) {
        if (!v.notNull(budget, field)) {
            return;
        }
        if (v.notNull(budget.amount(), field + ".amount")) {
            v.require(budget.amount().signum() >= 0, field + ".amount", "must not be negative");
        }
        if (v.notBlank(budget.currency(), field + ".currency")) {
            v.require(isIsoCurrency(budget.currency()), field + ".currency", "must be an ISO 4217 code, e.g. USD or MXN");
        }
    }

    private static boolean isIsoCurrency(String code) {
        if (!code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void validateCommitments(Validator v, List<CommitmentLine> lines, String field) {
        if (lines == null) {
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String at = field + "[" + i + "]";
            CommitmentLine line = lines.get(i);
            if (!v.notNull(line, at)) {
                continue;
            }
            if (line.lineId() != null) {
                v.require(line.lineId().matches("\\S{1,128}"), at + ".lineId", "must be 1-128 characters without spaces");
                v.require(ids.add(line.lineId()), at + ".lineId", "is used by another line");
            }
            v.notNull(line.category(), at + ".category");
            if (v.notBlank(line.itemCode(), at + ".itemCode")) {
                v.require(line.itemCode().matches("\\S{1,128}"), at + ".itemCode", "must be 1-128 characters without spaces");
            }
            if (v.notNull(line.quantity(), at + ".quantity")) {
                v.require(line.quantity().signum() > 0, at + ".quantity", "must be more than 0");
            }
            v.notBlank(line.unit(), at + ".unit");
        }
    }

    private static void validateTrainings(Validator v, List<PlannedTraining> trainings, String field) {
        if (trainings == null) {
            return;
        }
        for (int i = 0; i < trainings.size(); i++) {
            String at = field + "[" + i + "]";
            PlannedTraining training = trainings.get(i);
            if (v.notNull(training, at)) {
                v.notNull(training.topic(), at + ".topic");
                v.require(training.participants() > 0, at + ".participants", "must be at least 1");
            }
        }
    }

    private static void validateWorks(Validator v, List<ConstructionWork> works, String field) {
        if (works == null) {
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < works.size(); i++) {
            String at = field + "[" + i + "]";
            ConstructionWork work = works.get(i);
            if (v.notNull(work, at)) {
                v.notNull(work.kind(), at + ".kind");
                if (work.workId() != null) {
                    v.require(work.workId().matches("\\S{1,128}"), at + ".workId", "must be 1-128 characters without spaces");
                    v.require(ids.add(work.workId()), at + ".workId", "is used by another work");
                }
            }
        }
    }

    private record Numbered<T>(List<T> items, int last) {
    }

    /** Lines sent without an id get the next free L-number; ids already given are kept (logistics refers to them). */
    private static Numbered<CommitmentLine> numberLines(List<CommitmentLine> lines, int lastNumber) {
        if (lines == null) {
            return new Numbered<>(List.of(), lastNumber);
        }
        Set<String> taken = new HashSet<>();
        int last = lastNumber;
        for (CommitmentLine line : lines) {
            if (line.lineId() != null) {
                taken.add(line.lineId());
                last = Math.max(last, numberOf(line.lineId(), "L"));
            }
        }
        List<CommitmentLine> numbered = new ArrayList<>();
        for (CommitmentLine line : lines) {
            String id = line.lineId();
            if (id == null) {
                do {
                    id = "L" + (++last);
                } while (taken.contains(id));
            }
            numbered.add(new CommitmentLine(id, line.category(), line.itemCode().trim(), line.description(),
                    line.quantity(),
                    line.unit().trim()));
        }
        return new Numbered<>(numbered, last);
    }

    private static Numbered<ConstructionWork> numberWorks(List<ConstructionWork> works, int lastNumber) {
        if (works == null) {
            return new Numbered<>(List.of(), lastNumber);
        }
        Set<String> taken = new HashSet<>();
        int last = lastNumber;
        for (ConstructionWork work : works) {
            if (work.workId() != null) {
                taken.add(work.workId());
                last = Math.max(last, numberOf(work.workId(), "W"));
            }
        }
        List<ConstructionWork> numbered = new ArrayList<>();
        for (ConstructionWork work : works) {
            String id = work.workId();
            if (id == null) {
                do {
                    id = "W" + (++last);
                } while (taken.contains(id));
            }
            numbered.add(new ConstructionWork(id, work.kind(), work.description()));
        }
        return new Numbered<>(numbered, last);
    }

    private static int numberOf(String id, String prefix) {
        if (id.startsWith(prefix) && id.length() > prefix.length() && id.substring(prefix.length()).matches("\\d{1,9}")) {
            return Integer.parseInt(id.substring(prefix.length()));
        }
        return 0;
    }

    private static Money normalise(Money money) {
        return new Money(money.amount(), money.currency());
    }

    private static boolean sameMoney(Money a, Money b) {
        return a.currency().equals(b.currency()) && a.amount().compareTo(b.amount()) == 0;
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
                    || !x.unit().equals(y.unit())) {
                return false;
            }
        }
        return true;
    }
}

package org.shelters.agreements.agreement;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.shelters.agreements.InputChecks;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.ConstructionWork;
import org.shelters.events.agreements.Money;
import org.shelters.events.agreements.Period;
import org.shelters.events.agreements.PlannedTraining;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.platform.domain.Refusal;
import org.shelters.platform.domain.Violations;

/**
 * The commands of the agreements API, as their JSON request bodies. Each knows what a well-formed
 * request is and refuses a malformed one with a {@link Refusal} of kind INVALID naming every field
 * at fault, so {@link Agreement} only decides what is valid in its current state.
 */
public final class Commands {

    private static final String ID_PATTERN = "\\S{1,128}";

    private Commands() {
    }

    /** Commitment lines and works may come without ids: the agreement numbers them (L1, L2, …; W1, …). */
    public record DraftAgreement(
            @Schema(requiredMode = REQUIRED, description = "a registered shelter") String shelterId,
            @Schema(requiredMode = REQUIRED, description = "no spaces", example = "PRM-MX-2026") String programmeCode,
            @Schema(requiredMode = REQUIRED, example = "PRM") String donor,
            @Schema(requiredMode = REQUIRED, example = "phase-2") String phase,
            @Schema(requiredMode = REQUIRED, minimum = "2000", maximum = "2100", example = "2026") Integer year,
            @Schema(requiredMode = REQUIRED) Period period,
            @Schema(requiredMode = REQUIRED) Money budget,
            @Schema(description = "the supplies committed; signing needs a commitment line or a planned training")
            List<CommitmentLine> commitments,
            List<PlannedTraining> plannedTrainings,
            List<ConstructionWork> constructionWorks) {

        /** @throws Refusal INVALID naming every field at fault */
        public void validate() {
            Violations v = new Violations();
            v.notBlank(shelterId, "shelterId");
            if (v.notBlank(programmeCode, "programmeCode")) {
                v.require(!programmeCode.matches(".*\\s.*"), "programmeCode", "must not contain spaces");
            }
            v.notBlank(donor, "donor");
            v.notBlank(phase, "phase");
            if (v.notNull(year, "year")) {
                v.require(year >= 2000 && year <= 2100, "year", "must be between 2000 and 2100");
            }
            validatePeriod(v, period, "period");
            validateBudget(v, budget, "budget");
            validateCommitments(v, commitments, "commitments");
            validateTrainings(v, plannedTrainings, "plannedTrainings");
            validateWorks(v, constructionWorks, "constructionWorks");
            v.throwIfAny();
        }
    }

    /** @param signedOn defaults to today */
    public record SignAgreement(@Schema(description = "default: today in the programme calendar") LocalDate signedOn) {

        /** Signing without a body: signed today. */
        public static final SignAgreement TODAY = new SignAgreement(null);

        /** @throws Refusal INVALID when the date cannot be an agreement date at all */
        public void validate() {
            if (signedOn != null) {
                Violations v = new Violations();
                InputChecks.date(v, signedOn, "signedOn");
                v.throwIfAny();
            }
        }
    }

    /**
     * Changes commitments, budget, period (and, if given, planned trainings or works). A part left
     * null stays as it is; a list given replaces the whole list (lines keep their lineId when sent with it).
     */
    public record AmendAgreement(
            @Schema(requiredMode = REQUIRED, example = "second delivery round agreed with the shelter") String reason,
            Period period,
            Money budget,
            List<CommitmentLine> commitments,
            List<PlannedTraining> plannedTrainings,
            List<ConstructionWork> constructionWorks) {

        /** @throws Refusal INVALID naming every field at fault; a new period must not end before {@code today} */
        public void validate(LocalDate today) {
            Violations v = new Violations();
            v.notBlank(reason, "reason");
            if (period != null && validatePeriod(v, period, "period")) {
                v.require(!period.end().isBefore(today), "period.end",
                        "must not be in the past (to end an agreement now, complete or terminate it)");
            }
            if (budget != null) {
                validateBudget(v, budget, "budget");
            }
            validateCommitments(v, commitments, "commitments");
            validateTrainings(v, plannedTrainings, "plannedTrainings");
            validateWorks(v, constructionWorks, "constructionWorks");
            v.throwIfAny();
        }
    }

    public record GiveReason(@Schema(requiredMode = REQUIRED, example = "shelter closed for repairs") String reason) {
    }

    public record RecordTraining(
            @Schema(requiredMode = REQUIRED) TrainingTopic topic,
            @Schema(requiredMode = REQUIRED, description = "not in the future, not before the agreement's period") LocalDate date,
            @Schema(requiredMode = REQUIRED, minimum = "0", example = "7") Integer participantsWomen,
            @Schema(requiredMode = REQUIRED, minimum = "0", example = "5") Integer participantsMen) {

        /**
         * @param periodStart the agreement's first day: no session is recorded before it
         * @throws Refusal INVALID naming every field at fault
         */
        public void validate(LocalDate today, LocalDate periodStart) {
            Violations v = new Violations();
            v.notNull(topic, "topic");
            if (InputChecks.date(v, date, "date")) {
                v.require(!date.isAfter(today), "date", "must not be in the future (today is " + today + ")");
                v.require(!date.isBefore(periodStart), "date",
                        "must not be before the agreement's period starts (" + periodStart + ")");
            }
            boolean women = v.nonNegative(participantsWomen, "participantsWomen");
            boolean men = v.nonNegative(participantsMen, "participantsMen");
            if (women && men) {
                v.require((long) participantsWomen + participantsMen > 0, "participantsWomen",
                        "a session needs at least one participant");
            }
            v.throwIfAny();
        }
    }

    /** @return true when the period is complete and in order, so checks on its dates may follow */
    private static boolean validatePeriod(Violations v, Period period, String field) {
        if (!v.notNull(period, field)) {
            return false;
        }
        boolean start = InputChecks.date(v, period.start(), field + ".start");
        boolean end = InputChecks.date(v, period.end(), field + ".end");
        if (start && end) {
            v.require(!period.end().isBefore(period.start()), field + ".end", "must not be before the start");
            return !period.end().isBefore(period.start());
        }
        return false;
    }

    private static void validateBudget(Violations v, Money budget, String field) {
        if (!v.notNull(budget, field)) {
            return;
        }
        if (InputChecks.decimal(v, budget.amount(), field + ".amount")) {
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

    /** A null list is valid here: a draft without lines has none, an amendment without them keeps its own. */
    private static void validateCommitments(Violations v, List<CommitmentLine> lines, String field) {
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
                v.require(line.lineId().matches(ID_PATTERN), at + ".lineId", "must be 1-128 characters without spaces");
                v.require(ids.add(line.lineId()), at + ".lineId", "is used by another line");
            }
            v.notNull(line.category(), at + ".category");
            if (v.notBlank(line.itemCode(), at + ".itemCode")) {
                v.require(line.itemCode().matches(ID_PATTERN), at + ".itemCode", "must be 1-128 characters without spaces");
            }
            if (InputChecks.decimal(v, line.quantity(), at + ".quantity")) {
                v.require(line.quantity().signum() > 0, at + ".quantity", "must be more than 0");
            }
            v.notBlank(line.unit(), at + ".unit");
            // optional; when given, the cost of one unit in the budget currency (reporting weights fulfilment by it)
            if (line.unitCost() != null && InputChecks.decimal(v, line.unitCost(), at + ".unitCost")) {
                v.require(line.unitCost().signum() >= 0, at + ".unitCost", "must not be negative");
            }
        }
    }

    private static void validateTrainings(Violations v, List<PlannedTraining> trainings, String field) {
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

    private static void validateWorks(Violations v, List<ConstructionWork> works, String field) {
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
                    v.require(work.workId().matches(ID_PATTERN), at + ".workId", "must be 1-128 characters without spaces");
                    v.require(ids.add(work.workId()), at + ".workId", "is used by another work");
                }
            }
        }
    }
}

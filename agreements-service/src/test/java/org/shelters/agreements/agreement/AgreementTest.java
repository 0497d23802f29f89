package org.shelters.agreements.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.Test;
import org.shelters.agreements.agreement.Commands.AmendAgreement;
import org.shelters.agreements.agreement.Commands.DraftAgreement;
import org.shelters.agreements.agreement.Commands.RecordTraining;
import org.shelters.agreements.agreement.Commands.SignAgreement;
import org.shelters.agreements.movement.MovedQuantities;
import org.shelters.events.agreements.AgreementAmended;
import org.shelters.events.agreements.AgreementDrafted;
import org.shelters.events.agreements.AgreementExpired;
import org.shelters.events.agreements.AgreementSigned;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.ConstructionWork;
import org.shelters.events.agreements.ConstructionWorkKind;
import org.shelters.events.agreements.Money;
import org.shelters.events.agreements.Period;
import org.shelters.events.agreements.PlannedTraining;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingSessionDelivered;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.platform.domain.Decision;
import org.shelters.platform.domain.FieldError;
import org.shelters.platform.domain.Refusal;
import org.shelters.agreements.FieldsAtFault;

class AgreementTest {

    static final LocalDate TODAY = LocalDate.of(2026, 5, 20);
    static final Period YEAR = new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));

    static CommitmentLine line(SupplyCategory category, String item, int quantity) {
        return new CommitmentLine(null, category, item, item + " description", BigDecimal.valueOf(quantity), "unit");
    }

    static DraftAgreement draftCommand(Period period, List<CommitmentLine> lines, List<PlannedTraining> trainings) {
        return new DraftAgreement("shelter-1", "PRM-MX-2026", "PRM", "2", 2026, period, new Money(new BigDecimal("85000.00"), "USD"),
                lines, trainings, List.of(new ConstructionWork(null, ConstructionWorkKind.THERAPY_ROOM, "group therapy room")));
    }

    static Agreement drafted() {
        return Agreement.draft("a-1", draftCommand(YEAR, List.of(line(SupplyCategory.MEDICINES, "PARACETAMOL-500", 2000),
                line(SupplyCategory.HYGIENE_PRODUCTS, "HYGIENE-KIT", 300)), List.of()), "MX-OAX", TODAY).state();
    }

    static Agreement signed() {
        return drafted().sign(SignAgreement.TODAY, TODAY).state();
    }

    private static List<String> fieldsAtFault(Runnable command) {
        return FieldsAtFault.of(command);
    }

    /** The refusal an illegal transition gets: 409 {@code illegal-transition}. */
    private static Condition<Throwable> illegalTransition() {
        return new Condition<>(e -> e instanceof Refusal r && r.kind() == Refusal.Kind.CONFLICT
                && r.type().equals("illegal-transition"), "an illegal-transition refusal");
    }

    /** The refusal a programme rule gets: 422 with its stable type. */
    private static Condition<Throwable> ruleRefusal(String type) {
        return new Condition<>(e -> e instanceof Refusal r && r.kind() == Refusal.Kind.RULE && r.type().equals(type),
                "a " + type + " refusal");
    }

    @Test
    void draftingNumbersCommitmentLinesAndWorksAndKeepsTheOriginalBudget() {
        Decision<Agreement> decision = Agreement.draft("a-1", draftCommand(YEAR,
                List.of(line(SupplyCategory.MEDICINES, "AMOXICILLIN", 100), line(SupplyCategory.CONSTRUCTION_MATERIALS, "CEMENT", 40)),
                List.of(new PlannedTraining(TrainingTopic.MIGRANT_RIGHTS, 12))), "MX-OAX", TODAY);

        AgreementDrafted event = (AgreementDrafted) decision.events().get(0);
        assertThat(event.terms().commitments()).extracting(CommitmentLine::lineId).containsExactly("L1", "L2");
        assertThat(event.terms().constructionWorks()).extracting(ConstructionWork::workId).containsExactly("W1");
        assertThat(decision.state().status()).isEqualTo(AgreementStatus.DRAFT);
        assertThat(decision.state().budgets()).singleElement()
                .satisfies(b -> assertThat(b.type()).isEqualTo(BudgetRevision.Type.ORIGINAL));
    }

    @Test
    void aDraftNamesEveryFieldAtFault() {
        DraftAgreement bad = new DraftAgreement("", "PRM MX", null, "2", 1990, new Period(TODAY, TODAY.minusDays(1)),
                new Money(new BigDecimal("-1"), "usd"),
                List.of(new CommitmentLine(null, null, "X", null, BigDecimal.ZERO, "box")),
                List.of(new PlannedTraining(null, 0)), List.of());

        assertThat(fieldsAtFault(() -> Agreement.draft("a-1", bad, "MX-OAX", TODAY))).containsExactlyInAnyOrder(
                "shelterId", "programmeCode", "donor", "year", "period.end", "budget.amount", "budget.currency",
                "commitments[0].category", "commitments[0].quantity", "plannedTrainings[0].topic",
                "plannedTrainings[0].participants");
    }

    @Test
    void aCurrencyMustBeAnIso4217Code() {
        DraftAgreement command = new DraftAgreement("shelter-1", "PRM-MX-2026", "PRM", "2", 2026, YEAR,
                new Money(BigDecimal.TEN, "XYZ"), List.of(), List.of(), List.of());
        assertThat(fieldsAtFault(() -> Agreement.draft("a-1", command, "MX-OAX", TODAY))).containsExactly("budget.currency");
    }

    /** Input the JSON parser accepts but neither the store (Decimal128) nor the event schemas (yyyy-MM-dd) can carry. */
    @Test
    void datesAndNumbersBeyondWhatTheStoreAndTheEventsCarryAreRefusedNamingTheField() {
        DraftAgreement command = new DraftAgreement("shelter-1", "PRM-MX-2026", "PRM", "2", 2026,
                new Period(LocalDate.of(-5, 1, 1), LocalDate.of(10_000, 1, 1)), new Money(new BigDecimal("1E-7000"), "USD"),
                List.of(new CommitmentLine(null, SupplyCategory.MEDICINES, "X", null,
                        new BigDecimal("1.00000000000000000000000000000000001"), "box"),
                        new CommitmentLine(null, SupplyCategory.MEDICINES, "Y", null, new BigDecimal("1E+7000"), "box")),
                List.of(), List.of());
        assertThat(fieldsAtFault(() -> Agreement.draft("a-1", command, "MX-OAX", TODAY))).containsExactlyInAnyOrder(
                "period.start", "period.end", "budget.amount", "commitments[0].quantity", "commitments[1].quantity");

        assertThat(fieldsAtFault(() -> drafted().sign(new SignAgreement(LocalDate.of(-1, 1, 1)), TODAY)))
                .containsExactly("signedOn");
        assertThat(fieldsAtFault(() -> signed().recordTraining(
                new RecordTraining(TrainingTopic.MIGRANT_RIGHTS, LocalDate.MIN, 1, 1), TODAY))).containsExactly("date");
        // trailing zeros beyond 34 digits are exact, so they are fine
        DraftAgreement zeros = draftCommand(YEAR, List.of(new CommitmentLine(null, SupplyCategory.MEDICINES, "X", null,
                new BigDecimal("2.0000000000000000000000000000000000000000"), "box")), List.of());
        assertThat(Agreement.draft("a-1", zeros, "MX-OAX", TODAY).state().terms().commitments()).hasSize(1);
    }

    @Test
    void signingPublishesTheFullTerms() {
        Decision<Agreement> decision = drafted().sign(SignAgreement.TODAY, TODAY);

        assertThat(decision.state().status()).isEqualTo(AgreementStatus.SIGNED);
        AgreementSigned signed = (AgreementSigned) decision.events().get(0);
        assertThat(signed.signedOn()).isEqualTo(TODAY);
        assertThat(signed.terms().commitments()).hasSize(2);
        assertThat(signed.phase()).isEqualTo("2");
    }

    @Test
    void signingWithoutCommitmentsOrTrainingsIsRejected() {
        Agreement empty = Agreement.draft("a-1", draftCommand(YEAR, List.of(), List.of()), "MX-OAX", TODAY).state();
        assertThatThrownBy(() -> empty.sign(SignAgreement.TODAY, TODAY)).is(ruleRefusal("nothing-committed"))
                .hasMessageContaining("at least one commitment line or planned training");

        Agreement trainingsOnly = Agreement.draft("a-2", draftCommand(YEAR, List.of(),
                List.of(new PlannedTraining(TrainingTopic.HUMAN_TRAFFICKING, 10))), "MX-OAX", TODAY).state();
        assertThat(trainingsOnly.sign(SignAgreement.TODAY, TODAY).state().status()).isEqualTo(AgreementStatus.SIGNED);
    }

    @Test
    void signingAnAgreementWhosePeriodEndedIsRejected() {
        Period past = new Period(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
        Agreement old = Agreement.draft("a-1", draftCommand(past, List.of(line(SupplyCategory.MEDICINES, "X", 1)), List.of()),
                "MX-OAX", TODAY).state();
        assertThatThrownBy(() -> old.sign(SignAgreement.TODAY, TODAY)).is(ruleRefusal("period-ended"))
                .satisfies(e -> assertThat(((Refusal) e).errors()).extracting(FieldError::field).containsExactly("period.end"));
    }

    @Test
    void illegalTransitionsAreRefusedWithTheCurrentStatusInTheReason() {
        Agreement draft = drafted();
        assertThatThrownBy(() -> draft.suspend("x")).is(illegalTransition()).hasMessageContaining("DRAFT");
        assertThatThrownBy(draft::resume).is(illegalTransition());
        assertThatThrownBy(() -> draft.terminate("x", TODAY)).is(illegalTransition());
        assertThatThrownBy(() -> draft.complete(TODAY)).is(illegalTransition());
        Agreement signed = signed();
        assertThatThrownBy(() -> signed.sign(SignAgreement.TODAY, TODAY)).is(illegalTransition())
                .hasMessageContaining("only a DRAFT agreement can be signed; this one is SIGNED");
        assertThatThrownBy(signed::resume).is(illegalTransition());
        Agreement terminated = signed.terminate("shelter closed", TODAY).state();
        assertThatThrownBy(() -> terminated.complete(TODAY)).is(illegalTransition())
                .hasMessageContaining("TERMINATED");
        assertThatThrownBy(() -> terminated.amend(new AmendAgreement("r", null, new Money(BigDecimal.ONE, "USD"), null, null, null),
                MovedQuantities.NONE, TODAY))
                .is(illegalTransition());
    }

    @Test
    void suspendAndResumeWhileSigned() {
        Agreement suspended = signed().suspend("audit pending").state();
        assertThat(suspended.status()).isEqualTo(AgreementStatus.SUSPENDED);
        assertThat(suspended.statusReason()).isEqualTo("audit pending");
        assertThatThrownBy(() -> suspended.recordTraining(new RecordTraining(TrainingTopic.MIGRANT_RIGHTS, TODAY, 1, 1), TODAY))
                .is(illegalTransition());
        Agreement resumed = suspended.resume().state();
        assertThat(resumed.status()).isEqualTo(AgreementStatus.SIGNED);
        assertThat(resumed.terminate("x", TODAY).state().status()).isEqualTo(AgreementStatus.TERMINATED);
        assertThat(suspended.terminate("x", TODAY).state().status()).isEqualTo(AgreementStatus.TERMINATED);
    }

    @Test
    void aSuspensionNeedsAReason() {
        assertThat(fieldsAtFault(() -> signed().suspend(" "))).containsExactly("reason");
    }

    @Test
    void amendmentsAreNumberedKeepHistoryAndCarryTheFullNewCommitmentSet() {
        Agreement signed = signed();
        List<CommitmentLine> lines = signed.terms().commitments();
        List<CommitmentLine> newSet = List.of(lines.get(0),
                new CommitmentLine("L2", SupplyCategory.HYGIENE_PRODUCTS, "HYGIENE-KIT", null, BigDecimal.valueOf(500), "unit"),
                line(SupplyCategory.MEDICAL_EQUIPMENT, "STRETCHER", 2));

        Decision<Agreement> first = signed.amend(new AmendAgreement("more hygiene kits", null, null, newSet, null, null),
                MovedQuantities.NONE, TODAY);
        Decision<Agreement> second = first.state().amend(new AmendAgreement("budget up", null,
                new Money(new BigDecimal("99000"), "USD"), null, null, null), MovedQuantities.NONE, TODAY);

        AgreementAmended one = (AgreementAmended) first.events().get(0);
        assertThat(one.amendmentNumber()).isEqualTo(1);
        assertThat(one.terms().commitments()).extracting(CommitmentLine::lineId).containsExactly("L1", "L2", "L3");
        assertThat(one.terms().commitments().get(1).quantity()).isEqualByComparingTo("500");
        AgreementAmended two = (AgreementAmended) second.events().get(0);
        assertThat(two.amendmentNumber()).isEqualTo(2);
        assertThat(two.terms().commitments()).hasSize(3);
        assertThat(two.terms().budget().amount()).isEqualByComparingTo("99000");

        Agreement amended = second.state();
        assertThat(amended.status()).isEqualTo(AgreementStatus.SIGNED);
        assertThat(amended.amendments()).extracting(Amendment::number).containsExactly(1, 2);
        assertThat(amended.amendments().get(0).changed()).containsExactly("commitments");
        assertThat(amended.amendments().get(1).changed()).containsExactly("budget");
        assertThat(amended.budgets()).extracting(BudgetRevision::type)
                .containsExactly(BudgetRevision.Type.ORIGINAL, BudgetRevision.Type.REVISED);
        assertThat(amended.budgets().get(1).amendmentNumber()).isEqualTo(2);
    }

    @Test
    void removedLineIdsAreNeverReused() {
        Agreement signed = signed();
        Agreement fewer = signed.amend(new AmendAgreement("drop hygiene", null, null,
                List.of(signed.terms().commitments().get(0)), null, null), MovedQuantities.NONE, TODAY).state();
        Agreement more = fewer.amend(new AmendAgreement("add soap", null, null,
                List.of(fewer.terms().commitments().get(0), line(SupplyCategory.HYGIENE_PRODUCTS, "SOAP", 10)), null, null),
                MovedQuantities.NONE, TODAY).state();
        assertThat(more.terms().commitments()).extracting(CommitmentLine::lineId).containsExactly("L1", "L3");
    }

    @Test
    void anAmendmentThatChangesNothingOrEndsThePeriodInThePastIsRefused() {
        Agreement signed = signed();
        assertThatThrownBy(() -> signed.amend(new AmendAgreement("same", YEAR, null, null, null, null), MovedQuantities.NONE,
                TODAY))
                .is(ruleRefusal("amendment-changes-nothing")).hasMessageContaining("changes neither");
        assertThat(fieldsAtFault(() -> signed.amend(new AmendAgreement("shorten", new Period(YEAR.start(), TODAY.minusDays(1)),
                null, null, null, null), MovedQuantities.NONE, TODAY))).containsExactly("period.end");
        assertThat(fieldsAtFault(() -> signed.amend(new AmendAgreement(null, null, new Money(BigDecimal.ONE, "USD"), null, null, null),
                MovedQuantities.NONE, TODAY)))
                .containsExactly("reason");
    }

    @Test
    void anAgreementExpiresOnlyAfterItsPeriodEndedAndOnlyOnce() {
        Agreement signed = signed();
        LocalDate lastDay = YEAR.end();
        assertThat(signed.hasEnded(lastDay)).isFalse();
        assertThatThrownBy(() -> signed.expire(lastDay)).is(illegalTransition());

        Decision<Agreement> expired = signed.expire(lastDay.plusDays(1));
        assertThat(expired.events()).singleElement().isInstanceOfSatisfying(AgreementExpired.class,
                e -> assertThat(e.periodEnd()).isEqualTo(lastDay));
        assertThat(expired.state().status()).isEqualTo(AgreementStatus.EXPIRED);
        assertThat(expired.state().hasEnded(lastDay.plusDays(2))).isFalse();
        assertThatThrownBy(() -> expired.state().expire(lastDay.plusDays(2))).is(illegalTransition());

        Agreement suspended = signed().suspend("x").state();
        assertThat(suspended.hasEnded(lastDay.plusDays(1))).isTrue();
        assertThat(drafted().hasEnded(lastDay.plusDays(1))).isFalse();
    }

    @Test
    void trainingSessionsAreRecordedUnderASignedAgreementWithParticipantsBySex() {
        Decision<Agreement> decision = signed().recordTraining(new RecordTraining(TrainingTopic.PSYCHOSOCIAL_SUPPORT,
                TODAY.minusDays(3), 7, 4), TODAY);

        TrainingSessionDelivered event = (TrainingSessionDelivered) decision.events().get(0);
        assertThat(event.sessionId()).isEqualTo("S1");
        assertThat(event.participantsWomen()).isEqualTo(7);
        assertThat(event.participantsMen()).isEqualTo(4);
        assertThat(decision.state().trainingsDelivered()).hasSize(1);
        assertThatThrownBy(() -> drafted().recordTraining(new RecordTraining(TrainingTopic.MIGRANT_RIGHTS, TODAY, 1, 1), TODAY))
                .is(illegalTransition());
    }

    @Test
    void aTrainingInTheFutureOrWithoutParticipantsIsRefused() {
        Agreement signed = signed();
        assertThat(fieldsAtFault(() -> signed.recordTraining(new RecordTraining(null, TODAY.plusDays(1), 0, -1), TODAY)))
                .containsExactlyInAnyOrder("topic", "date", "participantsMen");
        assertThat(fieldsAtFault(() -> signed.recordTraining(new RecordTraining(TrainingTopic.MIGRANT_RIGHTS, TODAY, 0, 0), TODAY)))
                .containsExactly("participantsWomen");
    }

    @Test
    void theSigningSlotIsPerShelterProgrammeAndPhase() {
        assertThat(drafted().signingSlot()).isEqualTo("shelter-1|PRM-MX-2026|2");
    }
}

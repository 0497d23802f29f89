package org.shelters.agreements.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shelters.agreements.agreement.Commands.AmendAgreement;
import org.shelters.agreements.agreement.Commands.DraftAgreement;
import org.shelters.agreements.agreement.Commands.SignAgreement;
import org.shelters.agreements.movement.MovedQuantities;
import org.shelters.events.agreements.AgreementAmended;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.Money;
import org.shelters.events.agreements.Period;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.platform.domain.Decision;
import org.shelters.platform.domain.FieldError;
import org.shelters.platform.domain.Refusal;

/**
 * What an amendment may do to commitment lines: an id keeps its item, and what logistics moved
 * against a line (planned + in transit + accepted, given to the agreement) can be neither dropped
 * nor cut.
 */
class AmendedCommitmentLinesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 5, 20);
    static final Period YEAR = new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));

    /** L1 = 2000 tablets of paracetamol, L2 = 300 hygiene kits. */
    static Agreement signed() {
        DraftAgreement draft = new DraftAgreement("shelter-1", "PRM-MX-2026", "PRM", "2", 2026, YEAR,
                new Money(new BigDecimal("85000"), "USD"), List.of(
                        new CommitmentLine(null, SupplyCategory.MEDICINES, "PARACETAMOL-500", "Paracetamol", new BigDecimal("2000"), "tablet"),
                        new CommitmentLine(null, SupplyCategory.HYGIENE_PRODUCTS, "HYGIENE-KIT", "Family kit", new BigDecimal("300"), "kit")),
                List.of(), List.of());
        return Agreement.draft("a-1", draft, "MX-OAX", TODAY).state().sign(SignAgreement.TODAY, TODAY).state();
    }

    static CommitmentLine paracetamol(String quantity) {
        return new CommitmentLine("L1", SupplyCategory.MEDICINES, "PARACETAMOL-500", "Paracetamol", new BigDecimal(quantity), "tablet");
    }

    static CommitmentLine kits(String quantity) {
        return new CommitmentLine("L2", SupplyCategory.HYGIENE_PRODUCTS, "HYGIENE-KIT", "Family kit", new BigDecimal(quantity), "kit");
    }

    static AmendAgreement lines(CommitmentLine... lines) {
        return new AmendAgreement("revised needs", null, null, List.of(lines), null, null);
    }

    static MovedQuantities moved(String lineId, String quantity) {
        return new MovedQuantities(Map.of(lineId, new BigDecimal(quantity)));
    }

    /** The 422 the amendment got, or a failure when it was not refused. */
    static Refusal refusal(Agreement agreement, AmendAgreement command, MovedQuantities moved) {
        Refusal refusal = catchThrowableOfType(Refusal.class, () -> agreement.amend(command, moved, TODAY));
        assertThat(refusal).as("a refusal").isNotNull();
        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE);
        return refusal;
    }

    static List<String> fields(Refusal refusal) {
        return refusal.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aKeptLineIdCannotChangeItsItemCodeCategoryOrUnitEvenWhenNothingMoved() {
        Agreement signed = signed();

        Refusal item = refusal(signed, lines(new CommitmentLine("L1", SupplyCategory.MEDICINES, "IBUPROFEN-400", null,
                new BigDecimal("2000"), "tablet"), kits("300")), MovedQuantities.NONE);
        assertThat(item.type()).isEqualTo("line-identity-changed");
        assertThat(fields(item)).containsExactly("commitments[0].itemCode");
        assertThat(item.getMessage()).contains("'L1'", "PARACETAMOL-500", "IBUPROFEN-400", "new line without lineId");

        Refusal category = refusal(signed, lines(paracetamol("2000"), new CommitmentLine("L2", SupplyCategory.MEDICAL_SUPPLIES,
                "HYGIENE-KIT", null, new BigDecimal("300"), "kit")), MovedQuantities.NONE);
        assertThat(category.type()).isEqualTo("line-identity-changed");
        assertThat(fields(category)).containsExactly("commitments[1].category");

        Refusal unit = refusal(signed, lines(kits("300"), new CommitmentLine("L1", SupplyCategory.MEDICINES, "PARACETAMOL-500",
                null, new BigDecimal("20"), "box")), MovedQuantities.NONE);
        assertThat(unit.type()).isEqualTo("line-identity-changed");
        assertThat(fields(unit)).containsExactly("commitments[1].unit");
    }

    @Test
    void aKeptLineIdCannotChangeItsItemWhenSomethingMovedEither() {
        Refusal refusal = refusal(signed(), lines(paracetamol("2000"), new CommitmentLine("L2", SupplyCategory.HYGIENE_PRODUCTS,
                "SANITARY-PADS", null, new BigDecimal("300"), "kit")), moved("L2", "100"));
        assertThat(refusal.type()).isEqualTo("line-identity-changed");
        assertThat(fields(refusal)).containsExactly("commitments[1].itemCode");
    }

    @Test
    void aDifferentItemIsANewLineWithANewIdAndTheDescriptionOfAKeptLineMayChange() {
        Decision<Agreement> amended = signed().amend(lines(
                new CommitmentLine("L1", SupplyCategory.MEDICINES, "PARACETAMOL-500", "Paracetamol 500 mg, blister", new BigDecimal("2000"), "tablet"),
                new CommitmentLine(null, SupplyCategory.HYGIENE_PRODUCTS, "SANITARY-PADS", null, new BigDecimal("300"), "pack")),
                MovedQuantities.NONE, TODAY);

        AgreementAmended event = (AgreementAmended) amended.events().get(0);
        assertThat(event.terms().commitments()).extracting(CommitmentLine::lineId).containsExactly("L1", "L3");
        assertThat(event.terms().commitments().get(0).description()).isEqualTo("Paracetamol 500 mg, blister");
    }

    @Test
    void theIdOfARemovedLineStillNamesItsItem() {
        Agreement withoutKits = signed().amend(lines(paracetamol("2000")), MovedQuantities.NONE, TODAY).state();

        Refusal reused = refusal(withoutKits, lines(paracetamol("2000"), new CommitmentLine("L2", SupplyCategory.MEDICAL_EQUIPMENT,
                "STRETCHER", null, new BigDecimal("2"), "unit")), MovedQuantities.NONE);
        assertThat(reused.type()).isEqualTo("line-identity-changed");
        assertThat(fields(reused)).containsExactly("commitments[1].category");

        Agreement kitsAgain = withoutKits.amend(lines(paracetamol("2000"), kits("150")), MovedQuantities.NONE, TODAY).state();
        assertThat(kitsAgain.terms().commitments()).extracting(CommitmentLine::lineId).containsExactly("L1", "L2");
    }

    @Test
    void aLineWithMovementsCannotBeDropped() {
        Refusal refusal = refusal(signed(), lines(paracetamol("2000")), moved("L2", "120"));

        assertThat(refusal.type()).isEqualTo("line-has-movements");
        assertThat(fields(refusal)).containsExactly("commitments");
        assertThat(refusal.getMessage()).contains("'L2'", "120 kit", "planned, in transit or accepted");
    }

    @Test
    void aLineWithMovementsMayBeLoweredDownToWhatMovedButNotBelow() {
        Agreement signed = signed();
        MovedQuantities moved = new MovedQuantities(Map.of("L1", new BigDecimal("500"), "L2", new BigDecimal("120.0")));

        Refusal refusal = refusal(signed, lines(paracetamol("2000"), kits("119.5")), moved);
        assertThat(refusal.type()).isEqualTo("below-moved-quantity");
        assertThat(fields(refusal)).containsExactly("commitments[1].quantity");
        assertThat(refusal.getMessage()).contains("'L2'", "120 kit", "below 120", "119.5 given");

        Agreement lowered = signed.amend(lines(paracetamol("500"), kits("120")), moved, TODAY).state();
        assertThat(lowered.terms().commitments()).extracting(line -> line.quantity().toPlainString())
                .containsExactly("500", "120");
    }

    @Test
    void linesWithoutMovementsMayBeDroppedOrLoweredFreely() {
        Agreement signed = signed();

        Agreement dropped = signed.amend(lines(paracetamol("2000")), moved("L1", "2000"), TODAY).state();
        assertThat(dropped.terms().commitments()).extracting(CommitmentLine::lineId).containsExactly("L1");

        Agreement lowered = signed.amend(lines(paracetamol("1"), kits("300")), moved("L2", "300"), TODAY).state();
        assertThat(lowered.terms().commitments().get(0).quantity()).isEqualByComparingTo("1");
    }

    @Test
    void anOverDeliveredLineIsNoObstacleToRaisingItOrAmendingAnythingElse() {
        Agreement signed = signed();
        MovedQuantities overDelivered = moved("L2", "350");

        Agreement budget = signed.amend(new AmendAgreement("budget up", null, new Money(new BigDecimal("90000"), "USD"),
                null, null, null), overDelivered, TODAY).state();
        assertThat(budget.terms().commitments()).extracting(line -> line.quantity().toPlainString()).containsExactly("2000", "300");

        Agreement described = signed.amend(lines(paracetamol("2000"), new CommitmentLine("L2", SupplyCategory.HYGIENE_PRODUCTS,
                "HYGIENE-KIT", "Family kit, 4 persons", new BigDecimal("300"), "kit")), overDelivered, TODAY).state();
        assertThat(described.terms().commitments().get(1).description()).isEqualTo("Family kit, 4 persons");

        Agreement raised = signed.amend(lines(paracetamol("2000"), kits("320")), overDelivered, TODAY).state();
        assertThat(raised.terms().commitments().get(1).quantity()).isEqualByComparingTo("320");

        assertThat(refusal(signed, lines(paracetamol("2000"), kits("299")), overDelivered).type())
                .isEqualTo("below-moved-quantity");
    }
}

package org.shelters.logistics.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.logistics.ShipmentCancelled;
import org.shelters.events.logistics.ShipmentPlanned;
import org.shelters.events.logistics.SuppliesDelivered;
import org.shelters.events.logistics.SuppliesDispatched;
import org.shelters.logistics.agreement.AgreementReplica;
import org.shelters.logistics.agreement.AgreementStatus;

class ShipmentTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    static final CommitmentLine AMOXICILLIN = new CommitmentLine("C1", SupplyCategory.MEDICINES, "AMOX-500",
            "Amoxicillin 500 mg", new BigDecimal("1000"), "box");
    static final CommitmentLine SOAP = new CommitmentLine("C2", SupplyCategory.HYGIENE_PRODUCTS, "SOAP-KIT",
            "Hygiene kit", new BigDecimal("300"), "kit");

    static AgreementReplica agreement(AgreementStatus status) {
        return new AgreementReplica("agr-1", "shelter-1", status, 1, List.of(AMOXICILLIN, SOAP), 0);
    }

    static Shipment.Plan plan(Shipment.PlanLine... lines) {
        return new Shipment.Plan("agr-1", "shelter-1", TODAY.plusDays(3), List.of(lines), false, null);
    }

    static Shipment.PlanLine soap(String quantity) {
        return new Shipment.PlanLine("C2", null, null, new BigDecimal(quantity), null, null, null);
    }

    static Shipment.PlanLine medicine(String quantity, String lot, LocalDate expiry) {
        return new Shipment.PlanLine("C1", SupplyCategory.MEDICINES, "AMOX-500", new BigDecimal(quantity), "box", lot, expiry);
    }

    static Shipment.Changed planned(Shipment.Plan plan, List<Shipment> others) {
        AgreementReplica agreement = agreement(AgreementStatus.SIGNED);
        return Shipment.plan("shp-1", plan, agreement, OutstandingQuantities.of(agreement, others), TODAY);
    }

    static Shipment dispatched() {
        Shipment planned = planned(plan(soap("100"), medicine("40", "LOT-9", TODAY.plusYears(1))), List.of()).state();
        return planned.dispatch(new Shipment.Dispatch("DHL", "WB-1", NOW.minusSeconds(3600)),
                agreement(AgreementStatus.SIGNED), NOW, TODAY).state();
    }

    static ShipmentRefused refusal(Runnable command) {
        try {
            command.run();
        } catch (ShipmentRefused refused) {
            return refused;
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void planningUnderASignedAgreementTakesCategoryItemAndUnitFromTheCommitmentLine() {
        Shipment.Changed changed = planned(plan(soap("100")), List.of());

        assertThat(changed.state().status()).isEqualTo(ShipmentStatus.PLANNED);
        assertThat(changed.events()).singleElement().isInstanceOfSatisfying(ShipmentPlanned.class, event -> {
            assertThat(event.lines()).singleElement().satisfies(line -> {
                assertThat(line.category()).isEqualTo(SupplyCategory.HYGIENE_PRODUCTS);
                assertThat(line.itemCode()).isEqualTo("SOAP-KIT");
                assertThat(line.unit()).isEqualTo("kit");
                assertThat(line.lineId()).isEqualTo("L1");
            });
            assertThat(event.overDelivery()).isFalse();
        });
    }

    @Test
    void planningIsRefusedAsAgreementNotActiveWhenTheAgreementIsUnknownSuspendedOrTerminated() {
        for (AgreementStatus status : List.of(AgreementStatus.DRAFT, AgreementStatus.SUSPENDED, AgreementStatus.TERMINATED,
                AgreementStatus.EXPIRED)) {
            AgreementReplica agreement = agreement(status);
            ShipmentRefused refused = refusal(() -> Shipment.plan("s", plan(soap("1")), agreement,
                    OutstandingQuantities.of(agreement, List.of()), TODAY));
            assertThat(refused.kind()).isEqualTo(ShipmentRefused.Kind.CONFLICT);
            assertThat(refused.type()).isEqualTo("agreement-not-active");
        }
        ShipmentRefused unknown = refusal(() -> Shipment.plan("s", plan(soap("1")), null, null, TODAY));
        assertThat(unknown.type()).isEqualTo("agreement-not-active");
    }

    @Test
    void aShipmentToAnotherShelterThanTheAgreementsIsRefused() {
        Shipment.Plan wrong = new Shipment.Plan("agr-1", "shelter-2", TODAY, List.of(soap("1")), false, null);
        ShipmentRefused refused = refusal(() -> planned(wrong, List.of()));
        assertThat(refused.kind()).isEqualTo(ShipmentRefused.Kind.RULE);
        assertThat(refused.type()).isEqualTo("wrong-shelter");
        assertThat(refused.field()).isEqualTo("shelterId");
    }

    @Test
    void medicinesNeedALotAndAnExpiryDateAndAnExpiredLotIsRefused() {
        assertThat(refusal(() -> planned(plan(medicine("1", null, TODAY.plusYears(1))), List.of())).field())
                .isEqualTo("lines[0].lot");
        assertThat(refusal(() -> planned(plan(medicine("1", "LOT", null)), List.of())).field())
                .isEqualTo("lines[0].expiryDate");
        ShipmentRefused expired = refusal(() -> planned(plan(soap("1"), medicine("1", "LOT", TODAY.minusDays(1))), List.of()));
        assertThat(expired.type()).isEqualTo("expired-lot");
        assertThat(expired.field()).isEqualTo("lines[1].expiryDate");
    }

    @Test
    void aLineThatContradictsItsCommitmentLineIsRefused() {
        Shipment.PlanLine wrongItem = new Shipment.PlanLine("C2", SupplyCategory.HYGIENE_PRODUCTS, "TOOTHPASTE",
                BigDecimal.ONE, null, null, null);
        assertThat(refusal(() -> planned(plan(wrongItem), List.of())).field()).isEqualTo("lines[0].itemCode");
        Shipment.PlanLine unknownLine = new Shipment.PlanLine("C9", null, null, BigDecimal.ONE, null, null, null);
        assertThat(refusal(() -> planned(plan(unknownLine), List.of())).type()).isEqualTo("unknown-commitment-line");
    }

    @Test
    void quantitiesBeyondOutstandingAreRefusedCountingOtherLinesOfTheSameShipment() {
        ShipmentRefused refused = refusal(() -> planned(plan(soap("200"), soap("101")), List.of()));
        assertThat(refused.type()).isEqualTo("exceeds-outstanding");
        assertThat(refused.field()).isEqualTo("lines[1].quantity");
        assertThat(refused.getMessage()).contains("300 outstanding");
        assertThat(planned(plan(soap("200"), soap("100")), List.of()).state().lines()).hasSize(2);
    }

    @Test
    void anExplicitOverDeliveryWithAReasonIsAcceptedAndRecordedInTheEvent() {
        Shipment.Plan over = new Shipment.Plan("agr-1", "shelter-1", TODAY, List.of(soap("400")), true,
                "peak of arrivals after the caravan");
        ShipmentPlanned event = (ShipmentPlanned) planned(over, List.of()).events().get(0);
        assertThat(event.overDelivery()).isTrue();
        assertThat(event.overDeliveryReason()).isEqualTo("peak of arrivals after the caravan");

        Shipment.Plan noReason = new Shipment.Plan("agr-1", "shelter-1", TODAY, List.of(soap("400")), true, " ");
        assertThat(refusal(() -> planned(noReason, List.of())).field()).isEqualTo("overDeliveryReason");
    }

    @Test
    void dispatchMovesAPlannedShipmentInTransitAndCarriesCarrierAndWaybill() {
        Shipment planned = planned(plan(soap("100")), List.of()).state();
        Shipment.Changed changed = planned.dispatch(new Shipment.Dispatch("Estafeta", "WB-77", null),
                agreement(AgreementStatus.SIGNED), NOW, TODAY);
        assertThat(changed.state().status()).isEqualTo(ShipmentStatus.DISPATCHED);
        assertThat(changed.events()).singleElement().isInstanceOfSatisfying(SuppliesDispatched.class, event -> {
            assertThat(event.dispatchedAt()).isEqualTo(NOW);
            assertThat(event.carrier()).isEqualTo("Estafeta");
            assertThat(event.waybill()).isEqualTo("WB-77");
        });
        assertThat(refusal(() -> changed.state().dispatch(new Shipment.Dispatch("X", null, null),
                agreement(AgreementStatus.SIGNED), NOW, TODAY)).type()).isEqualTo("illegal-transition");
    }

    @Test
    void dispatchUnderASuspendedAgreementIsRefused() {
        Shipment planned = planned(plan(soap("100")), List.of()).state();
        assertThat(refusal(() -> planned.dispatch(new Shipment.Dispatch("DHL", null, null),
                agreement(AgreementStatus.SUSPENDED), NOW, TODAY)).type()).isEqualTo("agreement-not-active");
    }

    @Test
    void proofOfDeliveryRecordsAcceptedAndRejectedPerLineWithDispatchTimeAndCarrier() {
        Shipment dispatched = dispatched();
        Shipment.Changed changed = dispatched.deliver(new Shipment.Deliver(NOW, "shelter coordinator", List.of(
                new Shipment.LineReceipt("L1", new BigDecimal("95"), new BigDecimal("5"), RejectionReason.DAMAGED),
                new Shipment.LineReceipt("L2", new BigDecimal("40"), null, null))), NOW);

        assertThat(changed.state().status()).isEqualTo(ShipmentStatus.DELIVERED);
        SuppliesDelivered event = (SuppliesDelivered) changed.events().get(0);
        assertThat(event.dispatchedAt()).isEqualTo(dispatched.dispatchedAt());
        assertThat(event.carrier()).isEqualTo("DHL");
        assertThat(event.lines()).extracting(l -> l.quantityAccepted().toPlainString(), l -> l.quantityRejected().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("95", "5"), org.assertj.core.groups.Tuple.tuple("40", "0"));
        assertThat(event.lines().get(0).rejectionReason()).isEqualTo(RejectionReason.DAMAGED);
    }

    @Test
    void acceptedPlusRejectedMustEqualShippedAndARejectionNeedsAReason() {
        Shipment dispatched = dispatched();
        ShipmentRefused notAddingUp = refusal(() -> dispatched.deliver(new Shipment.Deliver(NOW, "coordinator", List.of(
                new Shipment.LineReceipt("L1", new BigDecimal("90"), new BigDecimal("5"), RejectionReason.DAMAGED),
                new Shipment.LineReceipt("L2", new BigDecimal("40"), null, null))), NOW));
        assertThat(notAddingUp.type()).isEqualTo("quantities-do-not-add-up");
        assertThat(notAddingUp.field()).isEqualTo("lines[0].quantityRejected");

        ShipmentRefused noReason = refusal(() -> dispatched.deliver(new Shipment.Deliver(NOW, "coordinator", List.of(
                new Shipment.LineReceipt("L2", new BigDecimal("30"), new BigDecimal("10"), null),
                new Shipment.LineReceipt("L1", new BigDecimal("100"), null, null))), NOW));
        assertThat(noReason.type()).isEqualTo("rejection-needs-reason");
        assertThat(noReason.field()).isEqualTo("lines[0].rejectionReason");
    }

    @Test
    void everyLineMustBeConfirmedExactlyOnce() {
        Shipment dispatched = dispatched();
        assertThat(refusal(() -> dispatched.deliver(new Shipment.Deliver(NOW, "coordinator", List.of(
                new Shipment.LineReceipt("L1", new BigDecimal("100"), null, null))), NOW)).field()).isEqualTo("lines");
        assertThat(refusal(() -> dispatched.deliver(new Shipment.Deliver(NOW, "coordinator", List.of(
                new Shipment.LineReceipt("L1", new BigDecimal("100"), null, null),
                new Shipment.LineReceipt("L1", new BigDecimal("100"), null, null))), NOW)).field()).isEqualTo("lines[1].lineId");
    }

    @Test
    void aDeliveryIsConfirmedOnceAndOnlyAfterDispatch() {
        Shipment.Deliver all = new Shipment.Deliver(NOW, "coordinator", List.of(
                new Shipment.LineReceipt("L1", new BigDecimal("100"), null, null),
                new Shipment.LineReceipt("L2", new BigDecimal("40"), null, null)));
        Shipment delivered = dispatched().deliver(all, NOW).state();
        assertThat(refusal(() -> delivered.deliver(all, NOW)).type()).isEqualTo("already-delivered");
        Shipment planned = planned(plan(soap("100")), List.of()).state();
        assertThat(refusal(() -> planned.deliver(all, NOW)).type()).isEqualTo("illegal-transition");
        Shipment.Deliver beforeDispatch = new Shipment.Deliver(NOW.minusSeconds(7200), "coordinator", all.lines());
        assertThat(refusal(() -> dispatched().deliver(beforeDispatch, NOW)).type()).isEqualTo("received-before-dispatch");
    }

    @Test
    void aStoppedAgreementCancelsPlannedShipmentsAutomaticallyAndFlagsDispatchedOnesOnce() {
        Shipment planned = planned(plan(soap("100")), List.of()).state();
        Shipment.Changed cancelled = planned.agreementStopped("agreement terminated");
        assertThat(cancelled.state().status()).isEqualTo(ShipmentStatus.CANCELLED);
        assertThat(cancelled.events()).singleElement().isInstanceOfSatisfying(ShipmentCancelled.class,
                event -> assertThat(event.automatic()).isTrue());
        assertThat(cancelled.state().agreementStopped("again")).isNull();

        Shipment.Changed flagged = dispatched().agreementStopped("agreement suspended");
        assertThat(flagged.state().status()).isEqualTo(ShipmentStatus.DISPATCHED);
        assertThat(flagged.state().followUp()).isTrue();
        assertThat(flagged.events()).isEmpty();
        assertThat(flagged.state().agreementStopped("agreement terminated")).isNull();
    }

    @Test
    void onlyAPlannedShipmentCanBeCancelledByHandAndOnlyWithAReason() {
        Shipment planned = planned(plan(soap("100")), List.of()).state();
        ShipmentCancelled event = (ShipmentCancelled) planned.cancel("road blocked").events().get(0);
        assertThat(event.automatic()).isFalse();
        assertThat(refusal(() -> planned.cancel(" ")).field()).isEqualTo("reason");
        assertThat(refusal(() -> dispatched().cancel("too late")).type()).isEqualTo("illegal-transition");
    }
}

package org.shelters.logistics.shipment;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.shelters.logistics.agreement.MissingSequences;
import org.shelters.platform.domain.Decision;
import org.shelters.platform.domain.FieldError;
import org.shelters.platform.domain.Refusal;

class ShipmentTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    static final CommitmentLine AMOXICILLIN = new CommitmentLine("C1", SupplyCategory.MEDICINES, "AMOX-500",
            "Amoxicillin 500 mg", new BigDecimal("1000"), "box");
    static final CommitmentLine SOAP = new CommitmentLine("C2", SupplyCategory.HYGIENE_PRODUCTS, "SOAP-KIT",
            "Hygiene kit", new BigDecimal("300"), "kit");

    static AgreementReplica agreement(AgreementStatus status) {
        return new AgreementReplica("agr-1", "shelter-1", status, 1, List.of(AMOXICILLIN, SOAP), 1, 1,
                MissingSequences.none(), 0, 1);
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

    static Decision<Shipment> planned(Shipment.Plan plan, List<Shipment> others) {
        AgreementReplica agreement = agreement(AgreementStatus.SIGNED);
        return Shipment.plan("shp-1", plan, agreement, OutstandingQuantities.of(agreement, others), TODAY);
    }

    static Shipment dispatched() {
        Shipment planned = planned(plan(soap("100"), medicine("40", "LOT-9", TODAY.plusYears(1))), List.of()).state();
        return planned.dispatch(new Shipment.Dispatch("DHL", "WB-1", NOW.minusSeconds(3600)),
                agreement(AgreementStatus.SIGNED), NOW, TODAY).state();
    }

    static Refusal refusal(Runnable command) {
        try {
            command.run();
        } catch (Refusal refused) {
            return refused;
        }
        throw new AssertionError("expected a refusal");
    }

    /** The first field at fault (the only one for a rule or a single invalid field). */
    static String field(Refusal refusal) {
        assertThat(refusal.errors()).as(refusal.getMessage()).isNotEmpty();
        return refusal.errors().get(0).field();
    }

    static List<String> fields(Refusal refusal) {
        return refusal.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void planningUnderASignedAgreementTakesCategoryItemAndUnitFromTheCommitmentLine() {
        Decision<Shipment> changed = planned(plan(soap("100")), List.of());

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
            Refusal refused = refusal(() -> Shipment.plan("s", plan(soap("1")), agreement,
                    OutstandingQuantities.of(agreement, List.of()), TODAY));
            assertThat(refused.kind()).isEqualTo(Refusal.Kind.CONFLICT);
            assertThat(refused.type()).isEqualTo("agreement-not-active");
        }
        Refusal unknown = refusal(() -> Shipment.plan("s", plan(soap("1")), null, null, TODAY));
        assertThat(unknown.type()).isEqualTo("agreement-not-active");
    }

    @Test
    void aShipmentToAnotherShelterThanTheAgreementsIsRefused() {
        Shipment.Plan wrong = new Shipment.Plan("agr-1", "shelter-2", TODAY, List.of(soap("1")), false, null);
        Refusal refused = refusal(() -> planned(wrong, List.of()));
        assertThat(refused.kind()).isEqualTo(Refusal.Kind.RULE);
        assertThat(refused.type()).isEqualTo("wrong-shelter");
        assertThat(field(refused)).isEqualTo("shelterId");
    }

    @Test
    void medicinesNeedALotAndAnExpiryDateAndAnExpiredLotIsRefused() {
        assertThat(fields(refusal(() -> planned(plan(medicine("1", null, TODAY.plusYears(1))), List.of()))))
                .containsExactly("lines[0].lot");
        assertThat(fields(refusal(() -> planned(plan(medicine("1", "LOT", null)), List.of()))))
                .containsExactly("lines[0].expiryDate");
        Refusal expired = refusal(() -> planned(plan(soap("1"), medicine("1", "LOT", TODAY.minusDays(1))), List.of()));
        assertThat(expired.type()).isEqualTo("expired-lot");
        assertThat(field(expired)).isEqualTo("lines[1].expiryDate");
        Refusal expiresToday = refusal(() -> planned(plan(medicine("1", "LOT", TODAY)), List.of()));
        assertThat(expiresToday.type()).isEqualTo("expired-lot");
    }

    @Test
    void everyFieldAtFaultIsReportedInOneAnswer() {
        Refusal refused = refusal(() -> planned(plan(soap("0"), medicine("1", " ", null)), List.of()));

        assertThat(refused.kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(refused.type()).isEqualTo("invalid-request");
        assertThat(fields(refused)).containsExactly("lines[0].quantity", "lines[1].lot", "lines[1].expiryDate");
    }

    @Test
    void aLineThatContradictsItsCommitmentLineIsRefused() {
        Shipment.PlanLine wrongItem = new Shipment.PlanLine("C2", SupplyCategory.HYGIENE_PRODUCTS, "TOOTHPASTE",
                BigDecimal.ONE, null, null, null);
        assertThat(field(refusal(() -> planned(plan(wrongItem), List.of())))).isEqualTo("lines[0].itemCode");
        Shipment.PlanLine unknownLine = new Shipment.PlanLine("C9", null, null, BigDecimal.ONE, null, null, null);
        assertThat(refusal(() -> planned(plan(unknownLine), List.of())).type()).isEqualTo("unknown-commitment-line");
    }

    @Test
    void quantitiesBeyondOutstandingAreRefusedCountingOtherLinesOfTheSameShipment() {
        Refusal refused = refusal(() -> planned(plan(soap("200"), soap("101")), List.of()));
        assertThat(refused.type()).isEqualTo("exceeds-outstanding");
        assertThat(field(refused)).isEqualTo("lines[1].quantity");
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
        assertThat(field(refusal(() -> planned(noReason, List.of())))).isEqualTo("overDeliveryReason");
    }

    @Test
    void dispatchMovesAPlannedShipmentInTransitAndCarriesCarrierAndWaybill() {
        Shipment planned = planned(plan(soap("100")), List.of()).state();
        Decision<Shipment> changed = planned.dispatch(new Shipment.Dispatch("Estafeta", "WB-77", null),
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
        Decision<Shipment> changed = dispatched.deliver(new Shipment.Deliver(NOW, "shelter coordinator", List.of(
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
        Refusal notAddingUp = refusal(() -> dispatched.deliver(new Shipment.Deliver(NOW, "coordinator", List.of(
                new Shipment.LineReceipt("L1", new BigDecimal("90"), new BigDecimal("5"), RejectionReason.DAMAGED),
                new Shipment.LineReceipt("L2", new BigDecimal("40"), null, null))), NOW));
        assertThat(notAddingUp.type()).isEqualTo("quantities-do-not-add-up");
        assertThat(field(notAddingUp)).isEqualTo("lines[0].quantityAccepted");

        Refusal noReason = refusal(() -> dispatched.deliver(new Shipment.Deliver(NOW, "coordinator", List.of(
                new Shipment.LineReceipt("L2", new BigDecimal("30"), new BigDecimal("10"), null),
                new Shipment.LineReceipt("L1", new BigDecimal("100"), null, null))), NOW));
        assertThat(noReason.type()).isEqualTo("rejection-needs-reason");
        assertThat(field(noReason)).isEqualTo("lines[0].rejectionReason");
    }

    @Test
    void everyLineMustBeConfirmedExactlyOnce() {
        Shipment dispatched = dispatched();
        assertThat(fields(refusal(() -> dispatched.deliver(new Shipment.Deliver(NOW, "coordinator", List.of(
                new Shipment.LineReceipt("L1", new BigDecimal("100"), null, null))), NOW)))).containsExactly("lines");
        assertThat(fields(refusal(() -> dispatched.deliver(new Shipment.Deliver(NOW, "coordinator", List.of(
                new Shipment.LineReceipt("L1", new BigDecimal("100"), null, null),
                new Shipment.LineReceipt("L1", new BigDecimal("100"), null, null))), NOW))))
                .containsExactly("lines[1].lineId", "lines");
    }

    @Test
    void aMalformedProofOfDeliveryNamesEveryFieldAtFaultBeforeAnyRuleIsApplied() {
        Refusal refused = refusal(() -> dispatched().deliver(new Shipment.Deliver(null, " ", List.of(
                new Shipment.LineReceipt("L1", null, new BigDecimal("-1"), null),
                new Shipment.LineReceipt("L2", new BigDecimal("1"), null, null))), NOW));

        assertThat(refused.kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(fields(refused)).containsExactly("receivedAt", "receivedByRole", "lines[0].quantityAccepted",
                "lines[0].quantityRejected");
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
        Decision<Shipment> cancelled = planned.agreementStopped("agreement terminated");
        assertThat(cancelled.state().status()).isEqualTo(ShipmentStatus.CANCELLED);
        assertThat(cancelled.events()).singleElement().isInstanceOfSatisfying(ShipmentCancelled.class,
                event -> assertThat(event.automatic()).isTrue());
        assertUnchanged(cancelled.state(), "again");

        Decision<Shipment> flagged = dispatched().agreementStopped("agreement suspended");
        assertThat(flagged.state().status()).isEqualTo(ShipmentStatus.DISPATCHED);
        assertThat(flagged.state().followUp()).isTrue();
        assertThat(flagged.events()).isEmpty();
        assertThat(flagged.state().followUpReason()).isEqualTo("agreement suspended");
        assertUnchanged(flagged.state(), "agreement terminated");
    }

    static void assertUnchanged(Shipment shipment, String why) {
        Decision<Shipment> again = shipment.agreementStopped(why);
        assertThat(again.state()).isEqualTo(shipment);
        assertThat(again.changed()).isFalse();
    }

    @Test
    void onlyAPlannedShipmentCanBeCancelledByHandAndOnlyWithAReason() {
        Shipment planned = planned(plan(soap("100")), List.of()).state();
        ShipmentCancelled event = (ShipmentCancelled) planned.cancel("road blocked").events().get(0);
        assertThat(event.automatic()).isFalse();
        assertThat(field(refusal(() -> planned.cancel(" ")))).isEqualTo("reason");
        assertThat(refusal(() -> dispatched().cancel("too late")).type()).isEqualTo("illegal-transition");
    }
}

package org.shelters.logistics.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shelters.logistics.shipment.ShipmentTest.NOW;
import static org.shelters.logistics.shipment.ShipmentTest.SOAP;
import static org.shelters.logistics.shipment.ShipmentTest.TODAY;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.logistics.agreement.AgreementReplica;
import org.shelters.logistics.agreement.AgreementStatus;
import org.shelters.logistics.agreement.MissingSequences;
import org.shelters.platform.domain.Refusal;

class OutstandingQuantitiesTest {

    static AgreementReplica agreementWithSoap(String committed) {
        return new AgreementReplica("agr-1", "shelter-1", AgreementStatus.SIGNED, 1, List.of(new CommitmentLine("C2",
                SOAP.category(), SOAP.itemCode(), SOAP.description(), new BigDecimal(committed), SOAP.unit())), 1, 1,
                MissingSequences.none(), 0, 1);
    }

    static Shipment planned(String quantity) {
        AgreementReplica agreement = agreementWithSoap("100000");
        return Shipment.plan("shp-" + quantity, ShipmentTest.plan(ShipmentTest.soap(quantity)), agreement,
                OutstandingQuantities.of(agreement, List.of()), TODAY).state();
    }

    static Shipment dispatched(String quantity) {
        return planned(quantity).dispatch(new Shipment.Dispatch("DHL", null, NOW.minusSeconds(60)),
                agreementWithSoap("100000"), NOW, TODAY).state();
    }

    static Shipment delivered(String quantity, String rejected) {
        BigDecimal shipped = new BigDecimal(quantity);
        BigDecimal refused = new BigDecimal(rejected);
        return dispatched(quantity).deliver(new Shipment.Deliver(NOW, "coordinator", List.of(new Shipment.LineReceipt("L1",
                shipped.subtract(refused), refused, refused.signum() > 0 ? RejectionReason.SHORT_SHIPPED : null))), NOW).state();
    }

    @Test
    void outstandingIsCommittedMinusAcceptedMinusPlannedMinusInTransit() {
        List<Shipment> shipments = List.of(planned("10"), dispatched("20"), delivered("30", "5"),
                planned("40").cancel("not needed").state());
        LineBalance balance = OutstandingQuantities.of(agreementWithSoap("100"), shipments).line("C2").orElseThrow();

        assertThat(balance.committed()).isEqualByComparingTo("100");
        assertThat(balance.planned()).as("planned, not dispatched; the cancelled 40 count nowhere").isEqualByComparingTo("10");
        assertThat(balance.inTransit()).as("dispatched only").isEqualByComparingTo("20");
        assertThat(balance.accepted()).isEqualByComparingTo("25");
        assertThat(balance.rejected()).isEqualByComparingTo("5");
        assertThat(balance.outstanding()).isEqualByComparingTo("45");
    }

    @Test
    void aRejectedQuantityBecomesOutstandingAgain() {
        LineBalance balance = OutstandingQuantities.of(agreementWithSoap("50"), List.of(delivered("50", "8")))
                .line("C2").orElseThrow();
        assertThat(balance.rejected()).isEqualByComparingTo("8");
        assertThat(balance.outstanding()).isEqualByComparingTo("8");
    }

    @Test
    void anOverDeliveryNeverMakesOutstandingNegative() {
        AgreementReplica agreement = agreementWithSoap("50");
        Shipment.Plan over = new Shipment.Plan("agr-1", "shelter-1", TODAY.plusDays(3), List.of(ShipmentTest.soap("70")),
                true, "a second dormitory opened");
        Shipment overDelivered = Shipment.plan("shp-over", over, agreement, OutstandingQuantities.of(agreement, List.of()),
                TODAY).state();

        LineBalance balance = OutstandingQuantities.of(agreement, List.of(overDelivered)).line("C2").orElseThrow();

        assertThat(balance.planned()).isEqualByComparingTo("70");
        assertThat(balance.outstanding()).isEqualByComparingTo("0");
    }

    @Test
    void quantitiesBeyondAnyIntOrLongAddUpExactly() {
        String huge = "999999999999999.999999";
        AgreementReplica agreement = agreementWithSoap("9999999999999999999999");
        List<Shipment> shipments = List.of(planned(huge, agreement), planned(huge, agreement), planned(huge, agreement));

        LineBalance balance = OutstandingQuantities.of(agreement, shipments).line("C2").orElseThrow();

        assertThat(balance.planned()).isEqualByComparingTo("2999999999999999.999997");
        assertThat(balance.outstanding()).isEqualByComparingTo("9999996999999999999999.000003");
    }

    private static Shipment planned(String quantity, AgreementReplica agreement) {
        return Shipment.plan("shp-" + quantity, ShipmentTest.plan(ShipmentTest.soap(quantity)), agreement,
                OutstandingQuantities.of(agreement, List.of()), TODAY).state();
    }

    @Test
    void anAmendmentThatReducesTheCommitmentReducesWhatCanStillBePlanned() {
        List<Shipment> shipments = List.of(delivered("60", "0"));
        AgreementReplica reduced = agreementWithSoap("70");
        LineBalance balance = OutstandingQuantities.of(reduced, shipments).line("C2").orElseThrow();
        assertThat(balance.outstanding()).isEqualByComparingTo("10");

        Refusal refused = ShipmentTest.refusal(() -> Shipment.plan("s", ShipmentTest.plan(ShipmentTest.soap("11")),
                reduced, OutstandingQuantities.of(reduced, shipments), TODAY));
        assertThat(refused.type()).isEqualTo("exceeds-outstanding");

        LineBalance belowShipped = OutstandingQuantities.of(agreementWithSoap("50"), shipments).line("C2").orElseThrow();
        assertThat(belowShipped.outstanding()).as("never below 0").isEqualByComparingTo("0");
    }
}

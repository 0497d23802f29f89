package org.shelters.reporting.shipments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.reporting.Programme;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.agreements.AgreementFold;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.shelters.ShelterDoc;

class DeliveryPerformanceTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-20");

    @Test
    void theRejectionRateComparesLinesAndRejectedQuantitiesStayPerUnit() {
        AgreementDoc agreement = AgreementDoc.empty("a1");
        AgreementFold.apply(agreement, Programme.signed("a1", "s1", "ECHO", "P1", Programme.terms(TODAY.minusDays(30),
                TODAY.plusDays(30), "1000",
                new CommitmentLine("L1", SupplyCategory.MEDICINES, "PARACETAMOL", null, new java.math.BigDecimal("1000"), "tablet"),
                new CommitmentLine("L2", SupplyCategory.MEDICAL_EQUIPMENT, "BP-MONITOR", null, java.math.BigDecimal.ONE, "unit"))),
                1);
        ShipmentDoc shipment = ShipmentDoc.empty("sh1");
        Instant dispatched = Instant.parse("2026-11-10T08:00:00Z");
        ShipmentFold.apply(shipment, Programme.delivered("sh1", "a1", "s1", dispatched, dispatched.plusSeconds(3600),
                Programme.deliveredLine("x", "L1", SupplyCategory.MEDICINES, "1000", "500", "500", RejectionReason.EXPIRED),
                Programme.deliveredLine("y", "L2", SupplyCategory.MEDICAL_EQUIPMENT, "1", "1", "0", null)), 1);
        ReportSnapshot snapshot = ReportSnapshot.of(1, TODAY, List.of(ShelterDoc.empty("s1")), List.of(agreement),
                List.of(shipment));

        DeliveryPerformance.View view = DeliveryPerformance.view(snapshot, ReportFilter.NONE);

        assertThat(view.rejectionRatePercent()).as("(50 % + 0 %) / 2 lines, not 500 / 1,001").isEqualByComparingTo("25.0");
        assertThat(view.deliveredLines()).isEqualTo(2);
        assertThat(view.quantities()).extracting(DeliveryPerformance.UnitRejections::unit).containsExactly("tablet", "unit");
        assertThat(view.quantities().get(0).rejected()).isEqualByComparingTo("500");
        DeliveryPerformance.Rejection expired = view.rejectionsByReason().get(0);
        assertThat(expired.lines()).isEqualTo(1);
        assertThat(expired.linesPercent()).isEqualByComparingTo("50.0");
        assertThat(expired.quantities()).singleElement().satisfies(q -> assertThat(q.unit()).isEqualTo("tablet"));
    }
}

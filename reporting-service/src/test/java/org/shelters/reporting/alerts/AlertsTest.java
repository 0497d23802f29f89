package org.shelters.reporting.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.reporting.Programme;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.agreements.AgreementFold;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.shelters.DailyArrivals;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shipments.ShipmentDoc;

class AlertsTest {

    static final Alerts.Settings SETTINGS = new Alerts.Settings(2.0, 20, 30, 7, 0.10);
    static final LocalDate TODAY = LocalDate.parse("2026-11-20");
    static final Instant NOW = Instant.parse("2026-11-20T18:00:00Z");

    static ShelterDoc shelter(int capacity) {
        ShelterDoc s = ShelterDoc.empty("s1");
        s.name = "Casa";
        s.state = "MX-SON";
        s.capacity = capacity;
        return s;
    }

    static void day(ShelterDoc s, LocalDate date, int arrivals, int occupancy) {
        DailyArrivals d = new DailyArrivals();
        d.arrivals = arrivals;
        d.overnightOccupancy = occupancy;
        s.arrivals.put(date.toString(), d);
    }

    static List<String> types(ShelterDoc shelter, List<AgreementDoc> agreements, List<ShipmentDoc> shipments) {
        ReportSnapshot snapshot = ReportSnapshot.of(1, TODAY, List.of(shelter), agreements, shipments);
        return Alerts.view(snapshot, ReportFilter.NONE, SETTINGS, NOW).stream().map(Alerts.Alert::type).toList();
    }

    @Test
    void arrivalsFarAboveTheShelterAverageRaiseASurgeButOrdinaryDaysDoNot() {
        ShelterDoc s = shelter(500);
        for (int d = 10; d >= 1; d--) {
            day(s, TODAY.minusDays(d), 50, 100);
        }
        day(s, TODAY, 90, 100);
        assertThat(types(s, List.of(), List.of())).doesNotContain("ARRIVALS_SURGE");
        day(s, TODAY, 160, 100);
        assertThat(types(s, List.of(), List.of())).contains("ARRIVALS_SURGE");
    }

    @Test
    void occupancyAboveCapacityIsAnAlert() {
        ShelterDoc s = shelter(60);
        day(s, TODAY, 10, 61);
        assertThat(types(s, List.of(), List.of())).containsExactly("OVER_CAPACITY");
    }

    @Test
    void aShipmentInTransitLongerThanTheLimitIsOverdue() {
        ShipmentDoc late = ShipmentDoc.empty("sh1");
        late.shelterId = "s1";
        late.status = "IN_TRANSIT";
        late.dispatchedAt = NOW.minusSeconds(8 * 86_400);
        ShipmentDoc recent = ShipmentDoc.empty("sh2");
        recent.shelterId = "s1";
        recent.status = "IN_TRANSIT";
        recent.dispatchedAt = NOW.minusSeconds(2 * 86_400);
        assertThat(types(shelter(60), List.of(), List.of(late, recent))).containsExactly("SHIPMENT_OVERDUE");
    }

    @Test
    void anAgreementEndingSoonWarnsOnlyWhileCommitmentsAreOutstanding() {
        AgreementDoc a = AgreementDoc.empty("a1");
        AgreementFold.apply(a, Programme.signed("a1", "s1", "ECHO", "P1", Programme.terms(TODAY.minusDays(300),
                TODAY.plusDays(12), "1000", Programme.line("L1", SupplyCategory.MEDICINES, "10"))), 1);
        assertThat(types(shelter(60), List.of(a), List.of())).containsExactly("AGREEMENT_EXPIRING");

        ShipmentDoc delivered = ShipmentDoc.empty("sh1");
        delivered.agreementId = "a1";
        delivered.shelterId = "s1";
        delivered.status = "DELIVERED";
        ShipmentDoc.Line line = new ShipmentDoc.Line();
        line.commitmentLineId = "L1";
        line.category = SupplyCategory.MEDICINES;
        line.quantity = java.math.BigDecimal.TEN;
        line.accepted = java.math.BigDecimal.TEN;
        line.rejected = java.math.BigDecimal.ZERO;
        delivered.lines = new ArrayList<>(List.of(line));
        assertThat(types(shelter(60), List.of(a), List.of(delivered))).isEmpty();
    }
}

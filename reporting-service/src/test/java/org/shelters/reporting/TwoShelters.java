package org.shelters.reporting;

import static org.awaitility.Awaitility.await;
import static org.shelters.reporting.Programme.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterArrivalsReported;
import tools.jackson.databind.JsonNode;

/**
 * Two shelters of one donor, A in Chiapas (southern border) and B in Sonora (northern border),
 * each with a signed agreement, a delivered shipment, an over-capacity day and arrivals: in the
 * last completed month A received 2 people (a small cell: 1 woman, 1 man, 1 unaccompanied child,
 * 2 older persons) and B 40; this month A received 10 and B 20 more. Everything has a fresh id,
 * so a filter on {@link #donor} sees these two and nothing of the other tests.
 */
record TwoShelters(String donor, String shelterA, String shelterB, String agreementA, String agreementB,
                   String shipmentA, String shipmentB, YearMonth lastMonth) {

    static final String NAME_A = "Albergue A";
    static final String NAME_B = "Casa B secret";

    static TwoShelters feed(Programme programme, LocalDate today, Function<String, JsonNode> get) {
        TwoShelters fed = new TwoShelters(id("donor"), id("shelter-a"), id("shelter-b"), id("agreement-a"),
                id("agreement-b"), id("shipment-a"), id("shipment-b"), YearMonth.from(today).minusMonths(1));
        fed.shelter(programme, fed.shelterA, NAME_A, "MX-CHP", Corridor.SOUTHERN_BORDER, fed.agreementA, fed.shipmentA, today);
        fed.shelter(programme, fed.shelterB, NAME_B, "MX-SON", Corridor.NORTHERN_BORDER, fed.agreementB, fed.shipmentB, today);
        LocalDate inLastMonth = fed.lastMonth.atDay(5);
        programme.send(report(fed.shelterA, inLastMonth, 2, 1, 1, 0, 0, 10));
        programme.send(report(fed.shelterB, inLastMonth, 40, 10, 20, 5, 5, 30));
        programme.send(report(fed.shelterA, today, 10, 3, 3, 2, 2, 90));
        programme.send(report(fed.shelterB, today, 20, 5, 5, 5, 5, 30));
        programme.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode totals = get.apply("/api/reports/programme?donor=" + fed.donor).get("data").get("totals");
            return totals.get("shelters").asInt() == 2 && totals.get("quantities").valueStream()
                    .mapToInt(q -> q.get("accepted").decimalValue().intValue()).sum() == 90
                    && totals.get("peopleReceived").asLong() == 72;
        });
        return fed;
    }

    /** A report of one day: unaccompanied children 1, older persons 2, victims 0 (as {@link Programme#arrivals}). */
    private static ShelterArrivalsReported report(String shelterId, LocalDate date, int arrivals, int women, int men,
                                                  int girls, int boys, int occupancy) {
        return Programme.arrivals(shelterId, date, 1, arrivals, women, men, girls, boys, occupancy);
    }

    private void shelter(Programme programme, String shelterId, String name, String state, Corridor corridor,
                         String agreementId, String shipmentId, LocalDate today) {
        programme.send(Programme.shelter(shelterId, name, state, corridor, 50));
        programme.send(signed(agreementId, shelterId, donor, "PHASE-1", terms(today.minusDays(120), today.plusDays(20),
                "10000", line("L1", SupplyCategory.MEDICINES, "100"))));
        Instant dispatchedAt = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        programme.send(dispatched(shipmentId, agreementId, shelterId, dispatchedAt,
                shipmentLine("S1", "L1", SupplyCategory.MEDICINES, "50")));
        programme.send(delivered(shipmentId, agreementId, shelterId, dispatchedAt, dispatchedAt.plus(20, ChronoUnit.HOURS),
                deliveredLine("S1", "L1", SupplyCategory.MEDICINES, "50", "45", "5", RejectionReason.DAMAGED)));
    }

    String period() {
        return lastMonth.toString();
    }
}

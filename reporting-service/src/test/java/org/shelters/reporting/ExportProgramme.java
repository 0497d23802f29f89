package org.shelters.reporting;

import static org.awaitility.Awaitility.await;
import static org.shelters.reporting.Programme.*;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import org.shelters.events.agreements.AgreementTerms;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.Money;
import org.shelters.events.agreements.Period;
import org.shelters.events.agreements.PlannedTraining;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterRegistered;
import org.shelters.events.shelters.ShelterServiceOffered;

/**
 * A programme of one donor for the standard exports: five shelters with accented names in three
 * states, each with a signed agreement; A's is amended (budget 10000 to 12000 USD), has
 * medicines committed in two units (tablets and packs), a delivery accepted partly, a training
 * session (6 women, 4 men) and arrivals today and, small (2 people), on the last day of last month;
 * E's agreement is in MXN. Every id is fresh, so {@code ?donor=} sees these five and nothing else.
 *
 * <p>In the order the exports must give (state name, municipality, shelter name, as Spanish sorts
 * them — accents are no letters of their own): Chiapas / Ángel Albino Corzo / C, Chiapas /
 * Tapachula / B "Éxodo Jesús", Chiapas / Tapachula / A "Fe y Esperanza", Chihuahua / Juárez / D,
 * San Luis Potosí / San Luis Potosí / E. A byte order would put Tapachula before Ángel and Fe
 * before Éxodo.
 */
record ExportProgramme(String donor, String shelterA, String shelterB, String shelterC, String shelterD,
                       String shelterE, String agreementA, String agreementE, LocalDate start, LocalDate end) {

    static final String NAME_A = "Fe y Esperanza";
    static final String NAME_B = "Éxodo Jesús";
    static final String NAME_C = "Albergue Belén";
    static final String NAME_D = "Casa del Migrante Juárez";
    static final String NAME_E = "Posada Potosí";

    /** Sends it all and waits until the exports show it ({@code body}: an ADMIN's answer to a GET). */
    static ExportProgramme feed(Programme programme, LocalDate today, Function<String, String> body) {
        ExportProgramme fed = new ExportProgramme(id("donor"), id("shelter-a"), id("shelter-b"), id("shelter-c"),
                id("shelter-d"), id("shelter-e"), id("agreement-a"), id("agreement-e"), today.minusDays(45),
                today.plusDays(60));
        fed.shelter(programme, fed.shelterA, NAME_A, "MX-CHP", "Tapachula", Corridor.SOUTHERN_BORDER);
        fed.shelter(programme, fed.shelterB, NAME_B, "MX-CHP", "Tapachula", Corridor.SOUTHERN_BORDER);
        fed.shelter(programme, fed.shelterC, NAME_C, "MX-CHP", "Ángel Albino Corzo", Corridor.SOUTHERN_BORDER);
        fed.shelter(programme, fed.shelterD, NAME_D, "MX-CHH", "Juárez", Corridor.NORTHERN_BORDER);
        fed.shelter(programme, fed.shelterE, NAME_E, "MX-SLP", "San Luis Potosí", Corridor.CENTRE);

        AgreementTerms signedA = fed.terms("10000", "USD", unitLine("L1", "tablets", "1000"), unitLine("L2", "packs", "50"));
        programme.send(signed(fed.agreementA, fed.shelterA, fed.donor, "PHASE-1", signedA));
        programme.send(amended(fed.agreementA, fed.shelterA, 1,
                fed.terms("12000", "USD", unitLine("L1", "tablets", "1200"), unitLine("L2", "packs", "50"))));
        programme.send(signed(id("agreement-b"), fed.shelterB, fed.donor, "PHASE-1",
                fed.terms("5000", "USD", unitLine("L1", "kits", "20"))));
        programme.send(signed(id("agreement-c"), fed.shelterC, fed.donor, "PHASE-1",
                fed.terms("4000", "USD", unitLine("L1", "kits", "10"))));
        programme.send(signed(id("agreement-d"), fed.shelterD, fed.donor, "PHASE-1",
                fed.terms("6000", "USD", unitLine("L1", "kits", "30"))));
        programme.send(signed(fed.agreementE, fed.shelterE, fed.donor, "PHASE-1",
                fed.terms("90000", "MXN", unitLine("L1", "kits", "40"))));

        String shipment = id("shipment");
        Instant dispatchedAt = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        programme.send(dispatched(shipment, fed.agreementA, fed.shelterA, dispatchedAt,
                shipmentLine("S1", "L1", SupplyCategory.MEDICINES, "500"),
                shipmentLine("S2", "L2", SupplyCategory.MEDICINES, "10")));
        programme.send(delivered(shipment, fed.agreementA, fed.shelterA, dispatchedAt, dispatchedAt.plus(20, ChronoUnit.HOURS),
                deliveredLine("S1", "L1", SupplyCategory.MEDICINES, "500", "400", "100", RejectionReason.DAMAGED),
                deliveredLine("S2", "L2", SupplyCategory.MEDICINES, "10", "10", "0", null)));
        programme.send(training(fed.agreementA, fed.shelterA, TrainingTopic.MIGRANT_RIGHTS, today.minusDays(2), 6, 4));
        programme.send(arrivals(fed.shelterA, YearMonth.from(today).minusMonths(1).atEndOfMonth(), 1, 2, 1, 1, 0, 0, 2));
        programme.send(arrivals(fed.shelterA, today, 1, 30, 10, 10, 5, 5, 30));
        programme.send(arrivals(fed.shelterE, today, 1, 12, 3, 3, 3, 3, 12));
        programme.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String csv = body.apply("/api/reports/exports/3w.csv?donor=" + fed.donor);
            String iati = body.apply("/api/reports/exports/iati-activities.xml?donor=" + fed.donor);
            return csv.lines().count() == 7 && csv.contains(",12000,USD,") && csv.contains(",40,32,")
                    && csv.contains(",40,12,") && iati.contains("value=\"400\"") && iati.contains("value=\"10\"");
        });
        return fed;
    }

    private void shelter(Programme programme, String id, String name, String state, String municipality, Corridor corridor) {
        programme.send(new ShelterRegistered(id, name, state, municipality, corridor, 40,
                List.of(ShelterServiceOffered.LODGING, ShelterServiceOffered.FOOD), false));
    }

    private AgreementTerms terms(String budget, String currency, CommitmentLine... lines) {
        return new AgreementTerms(new Period(start, end), new Money(new BigDecimal(budget), currency), List.of(lines),
                List.of(new PlannedTraining(TrainingTopic.MIGRANT_RIGHTS, 20)), List.of());
    }

    /** A line of medicines counted in {@code unit}. */
    private static CommitmentLine unitLine(String lineId, String unit, String quantity) {
        return new CommitmentLine(lineId, SupplyCategory.MEDICINES, "ITEM-" + lineId, "item " + lineId,
                new BigDecimal(quantity), unit);
    }
}

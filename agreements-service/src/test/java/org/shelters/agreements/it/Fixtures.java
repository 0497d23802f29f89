package org.shelters.agreements.it;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Request bodies of the tests, as plain maps (what a client in any language would send). */
public final class Fixtures {

    public static final ZoneId PROGRAMME_ZONE = ZoneId.of("America/Mexico_City");

    private Fixtures() {
    }

    public static LocalDate today() {
        return LocalDate.now(PROGRAMME_ZONE);
    }

    public static Map<String, Object> shelter(String name, String state, String corridor, int capacity) {
        return shelter(name, state, "Municipio " + name, corridor, capacity);
    }

    public static Map<String, Object> shelter(String name, String state, String municipality, String corridor, int capacity) {
        return Map.of("name", name, "state", state, "municipality", municipality, "corridor", corridor,
                "capacity", capacity, "services", List.of("LODGING", "FOOD", "MEDICAL_CARE"));
    }

    public static Map<String, Object> draft(String shelterId, String phase, LocalDate end) {
        return Map.of(
                "shelterId", shelterId,
                "programmeCode", "PRM-MX-2026",
                "donor", "PRM",
                "phase", phase,
                "year", 2026,
                "period", Map.of("start", today().minusMonths(2).toString(), "end", end.toString()),
                "budget", Map.of("amount", 85000, "currency", "USD"),
                "commitments", List.of(
                        Map.of("category", "MEDICINES", "itemCode", "PARACETAMOL-500MG", "description", "Paracetamol 500 mg tablets",
                                "quantity", 5000, "unit", "tablet"),
                        Map.of("category", "HYGIENE_PRODUCTS", "itemCode", "HYGIENE-KIT-FAMILY", "quantity", 300, "unit", "kit")),
                "plannedTrainings", List.of(Map.of("topic", "MIGRANT_RIGHTS", "participants", 12)),
                "constructionWorks", List.of(Map.of("kind", "SPACE_FOR_WOMEN_AND_CHILDREN", "description", "safe space")));
    }

    public static Map<String, Object> draft(String shelterId, String phase) {
        return draft(shelterId, phase, today().plusYears(1));
    }

    public static Map<String, Object> arrivals(LocalDate date, int total) {
        int women = total * 25 / 100;
        int men = total * 45 / 100;
        int girls = total * 15 / 100;
        int boys = total - women - men - girls;
        return Map.of("date", date.toString(), "arrivals", total, "women", women, "men", men, "girls", girls, "boys", boys,
                "unaccompaniedChildren", Math.min(girls + boys, total / 20), "olderPersons", total / 25,
                "reportedKidnapOrTraffickingVictims", total / 50, "overnightOccupancy", total);
    }
}

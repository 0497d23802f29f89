package org.shelters.localstack.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The 12 shelters of the programme (the three named in the press release, nine more clearly
 * marked demo) in the 9 states of the three corridors, one agreement each, trainings delivered
 * and 60 days of daily arrivals, all through agreements-service's own API.
 *
 * <p>Agreements: most signed; one left a draft; one terminated here; one amended (budget revised,
 * a line added); one whose period ends within 30 days; one signed and left as
 * {@code TERMINATE_AFTER_LOGISTICS} for the logistics demo to terminate after planning a shipment.
 * Arrivals average about 100 a day with weekday and random variation (a fixed seed per shelter),
 * and Ciudad Juárez has a surge above its capacity (more than 600 arrivals in one day).
 *
 * <p>Who does it: shelters, agreements and trainings as {@code programme} (programme officer);
 * arrivals as the shelter's partner ({@code partner-1}, {@code partner-2}) where the demo has one,
 * otherwise as {@code admin} (see {@link #reporterOf}).
 *
 * <p>Dates derive from {@link DemoContext#today()} and every command carries an Idempotency-Key
 * derived from the step, so an interrupted load run again on the same day duplicates nothing.
 * Arrivals stop at yesterday: the service refuses future dates in Mexico's calendar, which can be a
 * day behind UTC.
 */
public final class AgreementsDemo implements DemoStep {

    private static final String PROGRAMME_PREFIX = "PRM-MX-";
    private static final String DONOR = "PRM";
    private static final String PHASE = "2";
    private static final int DAYS_OF_ARRIVALS = 60;
    static final String SURGE_SHELTER = "Albergue Demo Ciudad Juárez";

    /** What the demo does with a shelter's agreement. */
    private enum Plan { SIGNED, DRAFT, TERMINATED, AMENDED, EXPIRING_SOON, TERMINATE_AFTER_LOGISTICS }

    private record DemoShelter(String name, String state, String municipality, String corridor, int capacity, boolean demo,
                               double arrivalsFactor, Plan plan, List<String> services, List<String> works) {
    }

    private static final List<String> BASIC = List.of("LODGING", "FOOD", "HYGIENE", "COMMUNICATIONS");

    private static List<String> services(String... extra) {
        List<String> all = new ArrayList<>(BASIC);
        all.addAll(List.of(extra));
        return all;
    }

    private static final List<DemoShelter> SHELTERS = List.of(
            new DemoShelter("Albergue Hermanos en el Camino", "MX-OAX", "Ciudad Ixtepec", "SOUTHERN_BORDER", 180, false, 1.25,
                    Plan.AMENDED, services("MEDICAL_CARE", "PSYCHOSOCIAL_SUPPORT", "LEGAL_ADVICE", "REFERRALS"),
                    List.of("SPACE_FOR_WOMEN_AND_CHILDREN", "THERAPY_ROOM")),
            new DemoShelter("Albergue Hogar de la Misericordia", "MX-CHP", "Arriaga", "SOUTHERN_BORDER", 120, false, 1.1,
                    Plan.SIGNED, services("MEDICAL_CARE", "LEGAL_ADVICE"), List.of("SPACE_FOR_WOMEN_AND_CHILDREN")),
            new DemoShelter("Albergue Jesús el Buen Pastor del Pobre y el Migrante", "MX-CHP", "Tapachula", "SOUTHERN_BORDER", 200,
                    false, 1.3, Plan.SIGNED, services("MEDICAL_CARE", "PSYCHOSOCIAL_SUPPORT", "SPACE_FOR_WOMEN_AND_CHILDREN"),
                    List.of("THERAPY_ROOM")),
            new DemoShelter("Albergue Demo Tenosique", "MX-TAB", "Tenosique", "SOUTHERN_BORDER", 100, true, 1.0,
                    Plan.EXPIRING_SOON, services("MEDICAL_CARE"), List.of()),
            new DemoShelter("Albergue Demo San Luis Potosí", "MX-SLP", "San Luis Potosí", "CENTRE", 80, true, 0.8,
                    Plan.SIGNED, services("LEGAL_ADVICE", "REFERRALS"), List.of("SANITATION")),
            new DemoShelter("Albergue Demo Coatzacoalcos", "MX-VER", "Coatzacoalcos", "CENTRE", 90, true, 0.9,
                    Plan.TERMINATED, services("MEDICAL_CARE"), List.of()),
            new DemoShelter("Albergue Demo Orizaba", "MX-VER", "Orizaba", "CENTRE", 70, true, 0.75,
                    Plan.DRAFT, services(), List.of("DORMITORY")),
            new DemoShelter("Albergue Demo Apizaco", "MX-TLA", "Apizaco", "CENTRE", 75, true, 0.8,
                    Plan.TERMINATE_AFTER_LOGISTICS, services("PSYCHOSOCIAL_SUPPORT"), List.of()),
            new DemoShelter(SURGE_SHELTER, "MX-CHH", "Juárez", "NORTHERN_BORDER", 150, true, 1.1,
                    Plan.SIGNED, services("MEDICAL_CARE", "PSYCHOSOCIAL_SUPPORT", "LEGAL_ADVICE"),
                    List.of("SPACE_FOR_WOMEN_AND_CHILDREN", "THERAPY_ROOM")),
            new DemoShelter("Albergue Demo Nogales", "MX-SON", "Nogales", "NORTHERN_BORDER", 110, true, 0.95,
                    Plan.SIGNED, services("MEDICAL_CARE", "LEGAL_ADVICE"), List.of()),
            new DemoShelter("Albergue Demo Reynosa", "MX-TAM", "Reynosa", "NORTHERN_BORDER", 130, true, 1.05,
                    Plan.SIGNED, services("MEDICAL_CARE", "REFERRALS"), List.of("SANITATION")),
            new DemoShelter("Albergue Demo Nuevo Laredo", "MX-TAM", "Nuevo Laredo", "NORTHERN_BORDER", 95, true, 0.9,
                    Plan.SIGNED, services("LEGAL_ADVICE"), List.of()));

    private record Item(String category, String itemCode, String description, String unit, int perTenBeds) {
    }

    private static final List<Item> MEDICINES = List.of(
            new Item("MEDICINES", "PARACETAMOL-500MG", "Paracetamol 500 mg tablets", "tablet", 400),
            new Item("MEDICINES", "ORS-SACHET", "Oral rehydration salts", "sachet", 120),
            new Item("MEDICINES", "AMOXICILLIN-500MG", "Amoxicillin 500 mg capsules", "capsule", 150));
    private static final List<Item> SUPPLIES = List.of(
            new Item("MEDICAL_SUPPLIES", "GAUZE-10CM", "Sterile gauze 10 cm", "pack", 20),
            new Item("MEDICAL_SUPPLIES", "GLOVES-NITRILE-M", "Nitrile gloves, medium", "box", 6));
    private static final List<Item> EQUIPMENT = List.of(
            new Item("MEDICAL_EQUIPMENT", "BP-MONITOR", "Blood pressure monitor", "unit", 0),
            new Item("MEDICAL_EQUIPMENT", "STRETCHER-FOLDING", "Folding stretcher", "unit", 0));
    private static final List<Item> HYGIENE = List.of(
            new Item("HYGIENE_PRODUCTS", "HYGIENE-KIT-FAMILY", "Family hygiene kit", "kit", 25),
            new Item("HYGIENE_PRODUCTS", "SANITARY-PADS", "Sanitary pads", "pack", 30));
    private static final List<Item> CONSTRUCTION = List.of(
            new Item("CONSTRUCTION_MATERIALS", "CEMENT-50KG", "Portland cement, 50 kg bag", "bag", 8),
            new Item("CONSTRUCTION_MATERIALS", "DRYWALL-PANEL", "Drywall panel 1.22 x 2.44 m", "sheet", 10));

    private static final String[] TOPICS = {"MIGRANT_RIGHTS", "HUMAN_TRAFFICKING", "PSYCHOSOCIAL_SUPPORT"};

    @Override
    public int order() {
        return 100;
    }

    @Override
    public String name() {
        return "agreements: 12 shelters in 9 states, an agreement each, trainings, 60 days of arrivals";
    }

    /**
     * Registers every shelter first, then publishes the partners' shelter ids (so a partner signing
     * in next has them in its token), then agreements and trainings as {@code programme}, and
     * arrivals as the shelter's own partner.
     */
    @Override
    public void run(DemoClient client, DemoContext context) throws Exception {
        DemoClient programme = client.as(DemoClient.PROGRAMME);
        String base = client.agreementsUrl();
        LocalDate today = context.today();
        Map<String, String> idsByName = new LinkedHashMap<>();
        for (int i = 0; i < SHELTERS.size(); i++) {
            DemoShelter shelter = SHELTERS.get(i);
            String shelterId = register(programme, base, shelter, i);
            idsByName.put(shelter.name(), shelterId);
            context.shelters().put(shelterId, shelter.state());
        }
        context.partners().publish(DemoPartners.sheltersByPartner(idsByName));
        client.forgetTokens();
        for (int i = 0; i < SHELTERS.size(); i++) {
            DemoShelter shelter = SHELTERS.get(i);
            String shelterId = idsByName.get(shelter.name());
            String agreementId = agreement(programme, base, shelter, shelterId, i, today);
            context.agreementShelter().put(agreementId, shelterId);
            context.agreements().put(agreementId, shelter.plan() == Plan.EXPIRING_SOON ? "SIGNED" : shelter.plan().name());
            arrivals(client.as(reporterOf(shelter)), base, shelter, shelterId, i, today);
        }
    }

    /**
     * Who reports a shelter's arrivals: its partner where the demo has one. Arrivals are the
     * shelter's own figures, which only a partner of that shelter (or an admin) may report; no
     * programme role may, so for the shelters without a partner account the demo reports as
     * {@code admin}, standing in for partners the demo does not have.
     */
    private static String reporterOf(DemoShelter shelter) {
        return DemoPartners.partnerOf(shelter.name()).orElse(DemoClient.ADMIN);
    }

    private static String register(DemoClient client, String base, DemoShelter shelter, int index) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", shelter.name());
        body.put("state", shelter.state());
        body.put("municipality", shelter.municipality());
        body.put("corridor", shelter.corridor());
        body.put("capacity", shelter.capacity());
        body.put("services", shelter.services());
        body.put("demo", shelter.demo());
        return client.post(base + "/api/shelters", body, "demo-agreements-shelter-" + index).get("shelterId").asString();
    }

    private static String agreement(DemoClient client, String base, DemoShelter shelter, String shelterId, int index,
                                    LocalDate today) throws Exception {
        LocalDate start = today.minusDays(240);
        LocalDate end = shelter.plan() == Plan.EXPIRING_SOON ? today.plusDays(20) : today.plusDays(180);
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("shelterId", shelterId);
        draft.put("programmeCode", PROGRAMME_PREFIX + start.getYear());
        draft.put("donor", DONOR);
        draft.put("phase", PHASE);
        draft.put("year", start.getYear());
        draft.put("period", Map.of("start", start.toString(), "end", end.toString()));
        draft.put("budget", Map.of("amount", 40_000 + shelter.capacity() * 250, "currency", "USD"));
        draft.put("commitments", commitments(shelter, index));
        draft.put("plannedTrainings", List.of(
                Map.of("topic", "MIGRANT_RIGHTS", "participants", 8 + index % 5),
                Map.of("topic", "HUMAN_TRAFFICKING", "participants", 6 + index % 4),
                Map.of("topic", "PSYCHOSOCIAL_SUPPORT", "participants", 5 + index % 6)));
        List<Map<String, Object>> works = new ArrayList<>();
        for (String kind : shelter.works()) {
            works.add(Map.of("kind", kind, "description", switch (kind) {
                case "SPACE_FOR_WOMEN_AND_CHILDREN" -> "Safe space for women and children";
                case "THERAPY_ROOM" -> "Room for individual and group therapy sessions";
                case "SANITATION" -> "Showers and latrines";
                default -> "Dormitory extension";
            }));
        }
        draft.put("constructionWorks", works);
        String prefix = "demo-agreements-agreement-" + index;
        JsonNode drafted = client.post(base + "/api/agreements", draft, prefix + "-draft");
        String id = drafted.get("agreementId").asString();
        if (shelter.plan() == Plan.DRAFT) {
            return id;
        }
        String url = base + "/api/agreements/" + id;
        JsonNode signed = client.post(url + "/sign", Map.of("signedOn", start.plusDays(10).toString()), prefix + "-sign");
        trainings(client, url, prefix, index, today);
        switch (shelter.plan()) {
            case AMENDED -> {
                ArrayNode lines = DemoClient.json().createArrayNode();
                signed.get("commitments").forEach(lines::add);
                ObjectNode extra = lines.addObject();
                extra.put("category", "MEDICAL_EQUIPMENT");
                extra.put("itemCode", "WHEELCHAIR");
                extra.put("description", "Wheelchair for the medical room");
                extra.put("quantity", 2);
                extra.put("unit", "unit");
                Map<String, Object> amendment = new LinkedHashMap<>();
                amendment.put("reason", "Arrivals above plan: revised budget and a wheelchair added");
                amendment.put("budget", Map.of("amount", 40_000 + shelter.capacity() * 250 + 12_500, "currency", "USD"));
                amendment.put("commitments", lines);
                client.post(url + "/amend", amendment, prefix + "-amend-1");
            }
            case TERMINATED -> client.post(url + "/terminate",
                    Map.of("reason", "Shelter merged into a municipal facility"), prefix + "-terminate");
            default -> {
            }
        }
        return id;
    }

    /** Every agreement gets medicines, medical supplies and hygiene; equipment every other; construction where works are planned. */
    private static List<Map<String, Object>> commitments(DemoShelter shelter, int index) {
        List<Item> items = new ArrayList<>();
        items.add(MEDICINES.get(index % MEDICINES.size()));
        items.add(MEDICINES.get((index + 1) % MEDICINES.size()));
        items.add(SUPPLIES.get(index % SUPPLIES.size()));
        items.add(HYGIENE.get(0));
        items.add(HYGIENE.get(1));
        if (index % 2 == 0) {
            items.add(EQUIPMENT.get(index / 2 % EQUIPMENT.size()));
        }
        if (!shelter.works().isEmpty()) {
            items.addAll(CONSTRUCTION);
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Item item : items) {
            int quantity = item.perTenBeds() == 0 ? 1 + index % 3 : item.perTenBeds() * shelter.capacity() / 10;
            lines.add(Map.of("category", item.category(), "itemCode", item.itemCode(), "description", item.description(),
                    "quantity", quantity, "unit", item.unit()));
        }
        return lines;
    }

    private static void trainings(DemoClient client, String url, String prefix, int index, LocalDate today) throws Exception {
        int sessions = 1 + index % 3;
        for (int s = 0; s < sessions; s++) {
            LocalDate date = today.minusDays(7 + 15L * s + index);
            client.post(url + "/trainings", Map.of("topic", TOPICS[(index + s) % TOPICS.length], "date", date.toString(),
                    "participantsWomen", 4 + (index + s) % 6, "participantsMen", 2 + (index * 3 + s) % 5), prefix + "-training-" + s);
        }
    }

    /** Counts only. About 100 a day, more at the southern border and on Mondays, with a fixed seed per shelter. */
    private static void arrivals(DemoClient client, String base, DemoShelter shelter, String shelterId, int index,
                                 LocalDate today) throws Exception {
        Random random = new Random(1_000L + index);
        String url = base + "/api/shelters/" + shelterId + "/arrivals";
        for (int back = DAYS_OF_ARRIVALS; back >= 1; back--) {
            LocalDate date = today.minusDays(back);
            double weekday = switch (date.getDayOfWeek()) {
                case MONDAY -> 1.2;
                case SATURDAY, SUNDAY -> 0.8;
                default -> 1.0;
            };
            int total = (int) Math.max(5, Math.round(100 * shelter.arrivalsFactor() * weekday * (0.75 + random.nextDouble() * 0.5)));
            boolean surge = shelter.name().equals(SURGE_SHELTER) && back == 12;
            if (surge) {
                total = 640 + random.nextInt(40);
            }
            int girls = (int) Math.round(total * (0.09 + random.nextDouble() * 0.06));
            int boys = (int) Math.round(total * (0.09 + random.nextDouble() * 0.06));
            int women = (int) Math.round(total * (0.2 + random.nextDouble() * 0.08));
            int men = total - girls - boys - women;
            int unaccompanied = Math.min(girls + boys, (int) Math.round(total * (0.02 + random.nextDouble() * 0.04)));
            int older = (int) Math.round(total * (0.02 + random.nextDouble() * 0.03));
            int victims = (int) Math.round(total * random.nextDouble() * 0.02);
            int occupancy = surge ? shelter.capacity() * 4 : Math.min((int) Math.round(shelter.capacity() * 1.1),
                    (int) Math.round(total * (0.7 + random.nextDouble() * 0.3)));
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("date", date.toString());
            report.put("arrivals", total);
            report.put("women", women);
            report.put("men", men);
            report.put("girls", girls);
            report.put("boys", boys);
            report.put("unaccompaniedChildren", unaccompanied);
            report.put("olderPersons", older);
            report.put("reportedKidnapOrTraffickingVictims", victims);
            report.put("overnightOccupancy", occupancy);
            client.post(url, report, "demo-agreements-arrivals-" + index + "-" + date);
        }
    }
}

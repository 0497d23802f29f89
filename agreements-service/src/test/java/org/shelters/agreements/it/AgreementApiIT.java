package org.shelters.agreements.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shelters.agreements.agreement.AgreementExpiry;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class AgreementApiIT extends IntegrationTest {

    @Autowired
    AgreementExpiry expiry;

    private Http.Response command(String agreementId, String action, Object body) {
        return http().post("/api/agreements/" + agreementId + "/" + action, body);
    }

    @Test
    void theWholeLifecyclePublishesEveryEventInOrderAndEachValidatesAgainstTheSharedSchemas() {
        String shelterId = register("Albergue Hogar de la Misericordia", "MX-CHP", "SOUTHERN_BORDER", 100);
        String id = draft(shelterId, "2");

        assertThat(command(id, "sign", Map.of()).status()).isEqualTo(200);
        Map<String, Object> amendment = Map.of("reason", "more hygiene kits, revised budget",
                "budget", Map.of("amount", 92000, "currency", "USD"),
                "commitments", List.of(
                        Map.of("lineId", "L1", "category", "MEDICINES", "itemCode", "PARACETAMOL-500MG", "quantity", 5000, "unit", "tablet"),
                        Map.of("lineId", "L2", "category", "HYGIENE_PRODUCTS", "itemCode", "HYGIENE-KIT-FAMILY", "quantity", 450, "unit", "kit"),
                        Map.of("category", "MEDICAL_EQUIPMENT", "itemCode", "BP-MONITOR", "quantity", 2, "unit", "unit")));
        Http.Response amended = command(id, "amend", amendment);
        assertThat(amended.status()).as(amended.text()).isEqualTo(200);
        assertThat(command(id, "suspend", Map.of("reason", "audit")).status()).isEqualTo(200);
        assertThat(command(id, "resume", null).status()).isEqualTo(200);
        Http.Response training = command(id, "trainings", Map.of("topic", "HUMAN_TRAFFICKING",
                "date", Fixtures.today().minusDays(1).toString(), "participantsWomen", 9, "participantsMen", 5));
        assertThat(training.status()).as(training.text()).isEqualTo(201);
        assertThat(training.json().get("sessionId").asString()).isEqualTo("S1");
        Http.Response completed = command(id, "complete", null);
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.json().get("status").asString()).isEqualTo("COMPLETED");

        List<JsonNode> events = events("agreements.v1", id, 7);
        assertThat(PublishedEvents.types(events)).containsExactly("AgreementDrafted", "AgreementSigned", "AgreementAmended",
                "AgreementSuspended", "AgreementResumed", "TrainingSessionDelivered", "AgreementCompleted");
        assertThat(PublishedEvents.sequences(events)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(events).allSatisfy(e -> assertThat(e.get("subject").asString()).isEqualTo(id));
        JsonNode amendedEvent = events.get(2).get("data");
        assertThat(amendedEvent.get("amendmentNumber").asInt()).isEqualTo(1);
        assertThat(amendedEvent.get("terms").get("commitments").findValuesAsString("lineId")).containsExactly("L1", "L2", "L3");
        assertThat(amendedEvent.get("terms").get("budget").get("amount").decimalValue()).isEqualByComparingTo("92000");

        JsonNode view = http().get("/api/agreements/" + id).json();
        assertThat(view.get("budgetHistory").findValuesAsString("type")).containsExactly("ORIGINAL", "REVISED");
        assertThat(view.get("amendments").get(0).get("number").asInt()).isEqualTo(1);
        assertThat(view.get("amendments").get(0).get("changed").valueStream().map(JsonNode::asString).toList())
                .containsExactly("budget", "commitments");
        assertThat(view.get("trainingsDelivered")).hasSize(1);
    }

    @Test
    void terminationAndTheShelterEventsValidateToo() {
        String shelterId = register("Albergue Jesús el Buen Pastor del Pobre y el Migrante", "MX-CHP", "SOUTHERN_BORDER", 200);
        String id = draft(shelterId, "2");
        command(id, "sign", null);
        Http.Response terminated = command(id, "terminate", Map.of("reason", "shelter relocated"));
        assertThat(terminated.json().get("status").asString()).isEqualTo("TERMINATED");
        assertThat(terminated.json().get("statusReason").asString()).isEqualTo("shelter relocated");

        List<JsonNode> events = events("agreements.v1", id, 3);
        assertThat(PublishedEvents.types(events)).containsExactly("AgreementDrafted", "AgreementSigned", "AgreementTerminated");
    }

    @Test
    void anAgreementWhosePeriodEndedExpiresOnceWithAnEvent() {
        String shelterId = register("Albergue Demo Coatzacoalcos", "MX-VER", "CENTRE", 90);
        Http.Response drafted = http().post("/api/agreements", Fixtures.draft(shelterId, "2", Fixtures.today()));
        String id = drafted.json().get("agreementId").asString();
        assertThat(command(id, "sign", null).status()).isEqualTo(200);

        assertThat(expiry.expireEnded(Fixtures.today())).isZero();
        assertThat(expiry.expireEnded(Fixtures.today().plusDays(1))).isEqualTo(1);
        assertThat(expiry.expireEnded(Fixtures.today().plusDays(1))).isZero();

        assertThat(http().get("/api/agreements/" + id).json().get("status").asString()).isEqualTo("EXPIRED");
        List<JsonNode> events = events("agreements.v1", id, 3);
        assertThat(PublishedEvents.types(events)).containsExactly("AgreementDrafted", "AgreementSigned", "AgreementExpired");
        assertThat(events.get(2).get("data").get("periodEnd").asString()).isEqualTo(Fixtures.today().toString());

        // the slot is free again: a new agreement for the same shelter, programme and phase can be signed
        String next = draft(shelterId, "2");
        assertThat(command(next, "sign", null).status()).isEqualTo(200);
    }

    @Test
    void onlyOneSignedAgreementPerShelterProgrammeAndPhase() {
        String shelterId = register("Albergue Demo Tenosique", "MX-TAB", "SOUTHERN_BORDER", 110);
        String first = draft(shelterId, "2");
        String second = draft(shelterId, "2");
        String otherPhase = draft(shelterId, "3");
        assertThat(command(first, "sign", null).status()).isEqualTo(200);

        Http.Response refused = command(second, "sign", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:shelters:problem:already-signed");
        assertThat(refused.json().get("detail").asString()).contains(first);
        assertThat(http().get("/api/agreements/" + second).json().get("status").asString()).isEqualTo("DRAFT");
        assertThat(command(otherPhase, "sign", null).status()).isEqualTo(200);

        command(first, "terminate", Map.of("reason", "replaced"));
        assertThat(command(second, "sign", null).status()).isEqualTo(200);
    }

    @Test
    void illegalTransitionsAreConflictsWithAClearReason() {
        String shelterId = register("Albergue Demo Apizaco", "MX-TLA", "CENTRE", 60);
        String id = draft(shelterId, "2");

        Http.Response resume = command(id, "resume", null);
        assertThat(resume.status()).isEqualTo(409);
        assertThat(resume.contentType()).startsWith("application/problem+json");
        assertThat(resume.json().get("type").asString()).isEqualTo("urn:shelters:problem:illegal-transition");
        assertThat(resume.json().get("detail").asString()).isEqualTo("only a SUSPENDED agreement can be resumed; this one is DRAFT");

        command(id, "sign", null);
        assertThat(command(id, "sign", null).json().get("detail").asString()).contains("this one is SIGNED");
        assertThat(command(id, "trainings", Map.of("topic", "MIGRANT_RIGHTS", "date", "2999-01-01", "participantsWomen", 1,
                "participantsMen", 0)).json().get("errors").findValuesAsString("field")).containsExactly("date");
    }

    @Test
    void signingWithoutCommitmentsOrForAnUnregisteredShelterIsRefused() {
        String shelterId = register("Albergue Demo Matehuala", "MX-SLP", "CENTRE", 40);
        Map<String, Object> empty = new HashMap<>(Fixtures.draft(shelterId, "2"));
        empty.put("commitments", List.of());
        empty.put("plannedTrainings", List.of());
        String id = http().post("/api/agreements", empty).json().get("agreementId").asString();

        Http.Response refused = command(id, "sign", null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:shelters:problem:nothing-committed");

        Http.Response unknownShelter = http().post("/api/agreements", Fixtures.draft(UUID.randomUUID().toString(), "2"));
        assertThat(unknownShelter.status()).isEqualTo(422);
        assertThat(unknownShelter.json().get("errors").findValuesAsString("field")).containsExactly("shelterId");
    }

    @Test
    void anInvalidDraftIsAProblemNamingEachField() {
        Map<String, Object> bad = new HashMap<>(Fixtures.draft(register("Albergue Demo Hermosillo", "MX-SON", "NORTHERN_BORDER", 80), "2"));
        bad.put("budget", Map.of("amount", -5, "currency", "DOLLARS"));
        bad.put("commitments", List.of(Map.of("category", "MEDICINES", "itemCode", "X", "quantity", 0, "unit", "box")));
        bad.remove("donor");

        Http.Response response = http().post("/api/agreements", bad);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("donor", "budget.amount",
                "budget.currency", "commitments[0].quantity");

        Http.Response wrongCategory = http().post("/api/agreements", Map.of("shelterId", "x", "commitments",
                List.of(Map.of("category", "FOOD"))));
        assertThat(wrongCategory.status()).isEqualTo(400);
        assertThat(wrongCategory.json().get("errors").findValuesAsString("field")).containsExactly("commitments[0].category");
    }

    @Test
    void valuesTheStoreOrTheEventsCannotCarryAreA400NamingTheFieldNotA500() {
        Map<String, Object> bad = new HashMap<>(Fixtures.draft(register("Albergue Demo Mexicali", "MX-BCN", "NORTHERN_BORDER", 60), "2"));
        bad.put("period", Map.of("start", "-0001-01-01", "end", "+10000-01-01"));
        bad.put("budget", Map.of("amount", new java.math.BigDecimal("1E-7000"), "currency", "USD"));

        Http.Response response = http().post("/api/agreements", bad);
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:shelters:problem:invalid-request");
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("period.start", "period.end", "budget.amount");
    }

    @Test
    void aUnitCostIsCarriedOnTheEventsAndANegativeOrMalformedOneIsA400NamingTheLine() {
        String shelterId = register("Albergue Demo Ciudad Acuña", "MX-COA", "NORTHERN_BORDER", 50);
        Map<String, Object> body = new HashMap<>(Fixtures.draft(shelterId, "2"));
        body.put("commitments", List.of(
                Map.of("category", "MEDICINES", "itemCode", "PARACETAMOL-500MG", "quantity", 5000, "unit", "tablet",
                        "unitCost", new java.math.BigDecimal("0.02")),
                Map.of("category", "HYGIENE_PRODUCTS", "itemCode", "HYGIENE-KIT-FAMILY", "quantity", 300, "unit", "kit")));
        Http.Response drafted = http().post("/api/agreements", body);
        assertThat(drafted.status()).as(drafted.text()).isEqualTo(201);
        String id = drafted.json().get("agreementId").asString();
        assertThat(command(id, "sign", null).status()).isEqualTo(200);
        Http.Response amended = command(id, "amend", Map.of("reason", "kits priced", "commitments", List.of(
                Map.of("lineId", "L1", "category", "MEDICINES", "itemCode", "PARACETAMOL-500MG", "quantity", 5000,
                        "unit", "tablet", "unitCost", new java.math.BigDecimal("0.02")),
                Map.of("lineId", "L2", "category", "HYGIENE_PRODUCTS", "itemCode", "HYGIENE-KIT-FAMILY", "quantity", 300,
                        "unit", "kit", "unitCost", 25))));
        assertThat(amended.status()).as("a unit cost given is a change of the lines: " + amended.text()).isEqualTo(200);

        List<JsonNode> events = events("agreements.v1", id, 3);
        JsonNode signedLines = events.get(1).get("data").get("terms").get("commitments");
        assertThat(signedLines.get(0).get("unitCost").decimalValue()).isEqualByComparingTo("0.02");
        assertThat(signedLines.get(1).has("unitCost")).as("a line without a unit cost carries none").isFalse();
        JsonNode amendedLines = events.get(2).get("data").get("terms").get("commitments");
        assertThat(amendedLines.get(1).get("unitCost").decimalValue()).isEqualByComparingTo("25");

        Map<String, Object> negative = new HashMap<>(body);
        negative.put("commitments", List.of(Map.of("category", "MEDICINES", "itemCode", "X", "quantity", 10, "unit", "box",
                "unitCost", -1)));
        Http.Response refused = http().post("/api/agreements", negative);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsString("field")).containsExactly("commitments[0].unitCost");

        Http.Response malformed = command(id, "amend", Map.of("reason", "typo", "commitments", List.of(
                Map.of("lineId", "L1", "category", "MEDICINES", "itemCode", "PARACETAMOL-500MG", "quantity", 5000,
                        "unit", "tablet", "unitCost", "two cents"))));
        assertThat(malformed.status()).as(malformed.text()).isEqualTo(400);
        assertThat(malformed.json().get("errors").findValuesAsString("field")).containsExactly("commitments[0].unitCost");
    }

    @Test
    void unknownAgreementsAreNotFound() {
        String unknown = UUID.randomUUID().toString();
        assertThat(http().get("/api/agreements/" + unknown).status()).isEqualTo(404);
        assertThat(command(unknown, "sign", null).status()).isEqualTo(404);
    }

    @Test
    void aStaleIfMatchIsAVersionConflictAndTheCurrentETagWorks() {
        String id = draft(register("Albergue Demo Nuevo Laredo", "MX-TAM", "NORTHERN_BORDER", 120), "2");
        Http.Response read = http().get("/api/agreements/" + id);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");

        Http.Response stale = http().post("/api/agreements/" + id + "/sign", null, Map.of("If-Match", "\"0\""));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("type").asString()).isEqualTo("urn:shelters:problem:version-conflict");

        Http.Response signed = http().post("/api/agreements/" + id + "/sign", null, Map.of("If-Match", read.header("ETag")));
        assertThat(signed.status()).isEqualTo(200);
        assertThat(signed.header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void aRepeatedSigningWithTheSameIdempotencyKeyReturnsTheFirstResultAndEmitsNoSecondEvent() {
        String id = draft(register("Albergue Demo Agua Prieta", "MX-SON", "NORTHERN_BORDER", 70), "2");
        String key = "sign-" + id;

        Http.Response first = http().post("/api/agreements/" + id + "/sign", Map.of(), Map.of("Idempotency-Key", key));
        Http.Response repeat = http().post("/api/agreements/" + id + "/sign", Map.of(), Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(200);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.text()).isEqualTo(first.text());
        assertThat(repeat.header("ETag")).isEqualTo(first.header("ETag"));

        command(id, "suspend", Map.of("reason", "marker"));
        List<JsonNode> events = events("agreements.v1", id, 3);
        assertThat(PublishedEvents.types(events)).containsExactly("AgreementDrafted", "AgreementSigned", "AgreementSuspended");
    }

    @Test
    void theListFiltersByShelterStateStatusAndProgrammeAndPages() {
        String shelterId = register("Albergue Demo Tapachula", "MX-CHP", "SOUTHERN_BORDER", 100);
        String signed = draft(shelterId, "2");
        command(signed, "sign", null);
        String drafted = draft(shelterId, "4");

        JsonNode byShelter = http().get("/api/agreements?shelterId=" + shelterId).json();
        assertThat(byShelter.get("total").asLong()).isEqualTo(2);
        assertThat(byShelter.get("items").findValuesAsString("agreementId")).containsExactly(signed, drafted);

        JsonNode signedOnly = http().get("/api/agreements?shelterId=" + shelterId + "&status=SIGNED&programmeCode=PRM-MX-2026").json();
        assertThat(signedOnly.get("items").findValuesAsString("agreementId")).containsExactly(signed);

        JsonNode byState = http().get("/api/agreements?state=MX-CHP&size=1&page=0").json();
        assertThat(byState.get("items")).hasSize(1);
        assertThat(byState.get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(byState.get("items").get(0).get("shelterState").asString()).isEqualTo("MX-CHP");

        assertThat(http().get("/api/agreements?status=FINISHED").json().get("errors").findValuesAsString("field"))
                .containsExactly("status");
    }
}

package org.shelters.agreements.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A shelter registered by mistake is retired: ShelterRetired is published, the shelter takes no
 * further command, its name is free for the correct registration, and lists leave it out unless
 * asked; one with an agreement in force cannot be retired.
 */
class RetireShelterIT extends IntegrationTest {

    private static final String RETIRED = "urn:shelters:problem:shelter-retired";

    private static String name(String what) {
        return "Albergue " + what + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private Http.Response retire(String shelterId, Object body, Map<String, String> headers) {
        return http().post("/api/shelters/" + shelterId + "/retire", body, headers);
    }

    @Test
    void retiringPublishesShelterRetiredAndTheRetiredShelterRefusesEveryFurtherCommand() {
        String name = name("Registrado Dos Veces");
        String id = register(name, "MX-CHP", "SOUTHERN_BORDER", 60);

        Http.Response retired = retire(id, Map.of("reason", "registered twice"), Map.of("If-Match", "\"1\""));

        assertThat(retired.status()).as(retired.text()).isEqualTo(200);
        assertThat(retired.header("ETag")).isEqualTo("\"2\"");
        assertThat(retired.json().get("retired").asBoolean()).isTrue();
        assertThat(retired.json().get("retirementReason").asString()).isEqualTo("registered twice");
        assertThat(retired.json().get("retiredOn").asString()).isEqualTo(Fixtures.today().toString());

        List<JsonNode> events = events("shelters.v1", id, 2);
        assertThat(PublishedEvents.types(events)).containsExactly("ShelterRegistered", "ShelterRetired");
        assertThat(PublishedEvents.sequences(events)).containsExactly(1L, 2L);
        JsonNode data = events.get(1).get("data");
        assertThat(data.get("shelterId").asString()).isEqualTo(id);
        assertThat(data.get("reason").asString()).isEqualTo("registered twice");
        assertThat(data.get("retiredOn").asString()).isEqualTo(Fixtures.today().toString());

        assertRefusedAsRetired(http().put("/api/shelters/" + id, Fixtures.shelter(name, "MX-CHP", "SOUTHERN_BORDER", 90), Map.of()));
        assertRefusedAsRetired(http().post("/api/shelters/" + id + "/arrivals", Fixtures.arrivals(Fixtures.today(), 10)));
        assertRefusedAsRetired(http().post("/api/agreements", Fixtures.draft(id, "2")));
        assertRefusedAsRetired(retire(id, Map.of("reason", "again"), Map.of()));

        Http.Response read = http().get("/api/shelters/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).as("nothing was stored after the retirement").isEqualTo("\"2\"");
        assertThat(read.json().get("retired").asBoolean()).isTrue();
        assertThat(read.json().get("retirementReason").asString()).isEqualTo("registered twice");
    }

    @Test
    void aRetiredShelterLeavesTheListUnlessRetiredOnesAreAskedFor() {
        String id = register(name("Listado"), "MX-ZAC", "CENTRE", 30);
        String kept = register(name("Vigente"), "MX-ZAC", "CENTRE", 30);
        assertThat(retire(id, Map.of("reason", "test entry"), Map.of()).status()).isEqualTo(200);

        List<String> listed = http().get("/api/shelters?state=MX-ZAC&size=500").json().get("items")
                .findValuesAsString("shelterId");
        assertThat(listed).contains(kept).doesNotContain(id);
        List<String> withRetired = http().get("/api/shelters?state=MX-ZAC&size=500&includeRetired=true").json()
                .get("items").findValuesAsString("shelterId");
        assertThat(withRetired).contains(kept, id);
    }

    @Test
    void retiringFreesTheNameForTheCorrectRegistration() {
        String name = name("Mal Registrado");
        String id = register(name, "MX-BCN", "NORTHERN_BORDER", 50);
        assertThat(http().post("/api/shelters", Fixtures.shelter(name, "MX-BCN", "NORTHERN_BORDER", 50)).status())
                .isEqualTo(409);

        assertThat(retire(id, Map.of("reason", "wrong capacity and corridor"), Map.of()).status()).isEqualTo(200);

        Http.Response correct = http().post("/api/shelters", Fixtures.shelter(name, "MX-BCN", "NORTHERN_BORDER", 50));
        assertThat(correct.status()).as(correct.text()).isEqualTo(201);
        assertThat(correct.json().get("shelterId").asString()).isNotEqualTo(id);
    }

    @Test
    void aShelterWithAnAgreementInForceCannotBeRetiredUntilTheAgreementEnds() {
        String shelterId = register(name("Con Convenio"), "MX-TAB", "SOUTHERN_BORDER", 110);
        String agreementId = draft(shelterId, "2");
        assertThat(http().post("/api/agreements/" + agreementId + "/sign", null).status()).isEqualTo(200);

        Http.Response signed = retire(shelterId, Map.of("reason", "duplicate"), Map.of());
        assertThat(signed.status()).as(signed.text()).isEqualTo(422);
        assertThat(signed.contentType()).startsWith("application/problem+json");
        assertThat(signed.json().get("type").asString()).isEqualTo("urn:shelters:problem:shelter-has-agreements-in-force");
        assertThat(signed.json().get("detail").asString()).contains(agreementId);

        http().post("/api/agreements/" + agreementId + "/suspend", Map.of("reason", "audit"));
        assertThat(retire(shelterId, Map.of("reason", "duplicate"), Map.of()).status()).as("suspended is in force too")
                .isEqualTo(422);

        http().post("/api/agreements/" + agreementId + "/terminate", Map.of("reason", "registered by mistake"));
        assertThat(retire(shelterId, Map.of("reason", "duplicate"), Map.of()).status()).isEqualTo(200);
    }

    @Test
    void aDraftLeftForARetiredShelterCannotBeSigned() {
        String shelterId = register(name("Con Borrador"), "MX-TLA", "CENTRE", 45);
        String agreementId = draft(shelterId, "2");
        assertThat(retire(shelterId, Map.of("reason", "duplicate"), Map.of()).status()).as("a draft is not in force")
                .isEqualTo(200);

        assertRefusedAsRetired(http().post("/api/agreements/" + agreementId + "/sign", null));
        assertThat(http().get("/api/agreements/" + agreementId).json().get("status").asString()).isEqualTo("DRAFT");
    }

    @Test
    void retiringNeedsAReasonAndRunsOnlyAgainstTheVersionItNames() {
        String id = register(name("Sin Motivo"), "MX-YUC", "SOUTHERN_BORDER", 20);

        Http.Response blank = retire(id, Map.of("reason", "  "), Map.of());
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("errors").findValuesAsString("field")).containsExactly("reason");
        assertThat(retire(id, Map.of(), Map.of()).json().get("errors").findValuesAsString("field")).containsExactly("reason");
        assertThat(retire(id, null, Map.of()).status()).isEqualTo(400);

        Http.Response stale = retire(id, Map.of("reason", "duplicate"), Map.of("If-Match", "\"5\""));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("type").asString()).isEqualTo("urn:shelters:problem:version-conflict");

        assertThat(http().get("/api/shelters/" + id).json().get("retired").asBoolean()).isFalse();
        assertThat(retire(UUID.randomUUID().toString(), Map.of("reason", "duplicate"), Map.of()).status()).isEqualTo(404);
    }

    private static void assertRefusedAsRetired(Http.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo(RETIRED);
    }
}

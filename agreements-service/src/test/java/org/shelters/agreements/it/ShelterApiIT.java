package org.shelters.agreements.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ShelterApiIT extends IntegrationTest {

    @Test
    void registeringAShelterReturnsItWithAnETagAndPublishesShelterRegisteredKeyedByTheShelter() {
        Http.Response created = http().post("/api/shelters",
                Fixtures.shelter("Albergue Hermanos en el Camino", "MX-OAX", "SOUTHERN_BORDER", 120));

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("shelterId").asString();
        assertThat(created.header("Location")).isEqualTo("/api/shelters/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.json().get("stateName").asString()).isEqualTo("Oaxaca");

        Http.Response read = http().get("/api/shelters/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");

        List<JsonNode> events = events("shelters.v1", id, 1);
        JsonNode event = events.get(0);
        assertThat(event.get("type").asString()).isEqualTo("ShelterRegistered");
        assertThat(event.get("subject").asString()).isEqualTo(id);
        assertThat(event.get("source").asString()).isEqualTo("/agreements-service");
        assertThat(event.get("sequence").asLong()).isEqualTo(1);
        assertThat(event.get("data").get("state").asString()).isEqualTo("MX-OAX");
    }

    @Test
    void aProfileUpdateWithAStaleIfMatchIsAConflictAndWithTheCurrentOneIsPublished() {
        String id = register("Albergue Demo Nogales", "MX-SON", "NORTHERN_BORDER", 80);
        Map<String, Object> bigger = Fixtures.shelter("Albergue Demo Nogales", "MX-SON", "NORTHERN_BORDER", 100);

        Http.Response stale = http().put("/api/shelters/" + id, bigger, Map.of("If-Match", "\"7\""));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(stale.json().get("type").asString()).isEqualTo("urn:shelters:problem:version-conflict");

        Http.Response updated = http().put("/api/shelters/" + id, bigger, Map.of("If-Match", "\"1\""));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");
        assertThat(updated.json().get("capacity").asInt()).isEqualTo(100);

        List<JsonNode> events = events("shelters.v1", id, 2);
        assertThat(PublishedEvents.types(events)).containsExactly("ShelterRegistered", "ShelterProfileUpdated");
        assertThat(PublishedEvents.sequences(events)).containsExactly(1L, 2L);
        assertThat(events.get(1).get("data").get("capacity").asInt()).isEqualTo(100);
    }

    @Test
    void anInvalidRegistrationIsAProblemNamingEveryFieldAtFault() {
        Http.Response response = http().post("/api/shelters", Map.of("name", "X", "state", "MX-XXX", "capacity", -3));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("state", "municipality", "corridor", "capacity");
    }

    @Test
    void anUnknownCorridorIsAProblemNamingTheField() {
        Http.Response response = http().post("/api/shelters", Map.of("name", "X", "state", "MX-SON", "municipality", "Y",
                "corridor", "WEST_COAST", "capacity", 10));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors")).as(response.text()).isNotNull();
        assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("corridor");
    }

    @Test
    void anUnknownShelterIsNotFound() {
        Http.Response response = http().get("/api/shelters/" + UUID.randomUUID());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:shelters:problem:not-found");

        assertThat(http().post("/api/shelters/" + UUID.randomUUID() + "/arrivals", Fixtures.arrivals(Fixtures.today(), 10))
                .status()).isEqualTo(404);
    }

    @Test
    void theListFiltersByStateAndCorridorAndPages() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        register("Albergue Demo Tlaxcala A " + marker, "MX-TLA", "CENTRE", 50);
        register("Albergue Demo Tlaxcala B " + marker, "MX-TLA", "CENTRE", 60);
        register("Albergue Demo Tabasco " + marker, "MX-TAB", "SOUTHERN_BORDER", 70);

        JsonNode page = http().get("/api/shelters?state=MX-TLA&corridor=CENTRE&page=0&size=1").json();
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(page.get("size").asInt()).isEqualTo(1);
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("state").asString()).isEqualTo("MX-TLA");

        JsonNode tabasco = http().get("/api/shelters?state=MX-TAB&size=200").json();
        assertThat(tabasco.get("items").findValuesAsString("state")).containsOnly("MX-TAB");

        assertThat(http().get("/api/shelters?state=XX").status()).isEqualTo(400);
        assertThat(http().get("/api/shelters?size=0").json().get("errors").findValuesAsString("field")).containsExactly("size");
    }

    @Test
    void reportingTheSameDateAgainIsACorrectionWithTheNextRevision() {
        String id = register("Albergue Demo Ciudad Juárez", "MX-CHH", "NORTHERN_BORDER", 150);
        var day = Fixtures.today().minusDays(1);

        Http.Response first = http().post("/api/shelters/" + id + "/arrivals", Fixtures.arrivals(day, 120));
        Http.Response correction = http().post("/api/shelters/" + id + "/arrivals", Fixtures.arrivals(day, 640));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("revision").asInt()).isEqualTo(1);
        assertThat(correction.json().get("revision").asInt()).isEqualTo(2);
        assertThat(correction.json().get("correction").asBoolean()).isTrue();

        List<JsonNode> events = events("shelters.v1", id, 3);
        assertThat(PublishedEvents.types(events)).containsExactly("ShelterRegistered", "ShelterArrivalsReported",
                "ShelterArrivalsReported");
        JsonNode corrected = events.get(2).get("data");
        assertThat(corrected.get("revision").asInt()).isEqualTo(2);
        assertThat(corrected.get("arrivals").asInt()).isEqualTo(640);
        assertThat(corrected.get("date").asString()).isEqualTo(day.toString());
    }

    @Test
    void anArrivalsReportForTheFutureOrWithSubGroupsAboveTheTotalIsRefused() {
        String id = register("Albergue Demo Reynosa", "MX-TAM", "NORTHERN_BORDER", 90);

        Http.Response future = http().post("/api/shelters/" + id + "/arrivals", Fixtures.arrivals(Fixtures.today().plusDays(2), 10));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().get("errors").findValuesAsString("field")).containsExactly("date");

        Map<String, Object> tooMany = new java.util.HashMap<>(Fixtures.arrivals(Fixtures.today(), 10));
        tooMany.put("women", 11);
        Http.Response refused = http().post("/api/shelters/" + id + "/arrivals", tooMany);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsString("field")).contains("women", "arrivals");
    }

    @Test
    void aRepeatedRegistrationWithTheSameIdempotencyKeyReturnsTheFirstResultAndPublishesOneEvent() {
        String key = "register-" + UUID.randomUUID();
        Map<String, Object> body = Fixtures.shelter("Albergue Demo San Luis Potosí", "MX-SLP", "CENTRE", 75);

        Http.Response first = http().post("/api/shelters", body, Map.of("Idempotency-Key", key));
        Http.Response repeat = http().post("/api/shelters", body, Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.text()).isEqualTo(first.text());
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        String id = first.json().get("shelterId").asString();
        assertThat(http().get("/api/shelters?state=MX-SLP&size=200").json().get("items").findValuesAsString("shelterId")
                .stream().filter(id::equals)).hasSize(1);

        // a later event of the same shelter arrives right after the first: no second ShelterRegistered in between
        http().post("/api/shelters/" + id + "/arrivals", Fixtures.arrivals(Fixtures.today(), 10));
        List<JsonNode> events = events("shelters.v1", id, 2);
        assertThat(PublishedEvents.types(events)).containsExactly("ShelterRegistered", "ShelterArrivalsReported");
        assertThat(PublishedEvents.sequences(events)).containsExactly(1L, 2L);
    }
}

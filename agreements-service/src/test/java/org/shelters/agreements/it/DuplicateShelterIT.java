package org.shelters.agreements.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * One shelter, one registration: the same name, state and municipality (compared trimmed, case-
 * and accent-insensitively, white space folded) as a shelter already registered is a 409 naming
 * it, also when the two registrations race, and a rename cannot land on another shelter's name.
 */
class DuplicateShelterIT extends IntegrationTest {

    private static final String DUPLICATE = "urn:shelters:problem:shelter-already-registered";

    private static String marker() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private Http.Response registration(String name, String state, String municipality) {
        return http().post("/api/shelters", Fixtures.shelter(name, state, municipality, "SOUTHERN_BORDER", 80));
    }

    @Test
    void registeringTheSameShelterAgainIsAConflictNamingTheRegisteredOne() {
        String m = marker();
        Http.Response first = registration("Albergue Señor de la Misericordia " + m, "MX-CHP", "San Cristóbal de las Casas");
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        String id = first.json().get("shelterId").asString();

        Http.Response again = registration("  albergue  SEÑOR de la  misericordia " + m.toUpperCase() + " ", "MX-CHP",
                "san cristobal   de las\tCASAS ");

        assertThat(again.status()).as(again.text()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().get("type").asString()).isEqualTo(DUPLICATE);
        assertThat(again.json().get("detail").asString()).contains(id);
        assertThat(http().get("/api/shelters?state=MX-CHP&size=500").json().get("items").findValuesAsString("name")
                .stream().filter(name -> name.contains(m))).hasSize(1);
    }

    @Test
    void theSameNameInAnotherMunicipalityOrStateIsAnotherShelter() {
        String name = "Albergue Casa del Migrante " + marker();
        assertThat(registration(name, "MX-CHP", "Tapachula").status()).isEqualTo(201);

        assertThat(registration(name, "MX-CHP", "Palenque").status()).isEqualTo(201);
        assertThat(registration(name, "MX-TAB", "Tapachula").status()).isEqualTo(201);
    }

    @Test
    void ofConcurrentRegistrationsOfTheSameShelterExactlyOneIsCreated() {
        String name = "Albergue Concurrente " + marker();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Http.Response>> registrations = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return registration(i % 2 == 0 ? name : name.toUpperCase(), "MX-OAX", "Juchitán de Zaragoza");
                })).toList();
        start.countDown();
        List<Http.Response> answers = registrations.stream().map(CompletableFuture::join).toList();

        List<Integer> statuses = answers.stream().map(Http.Response::status).toList();
        assertThat(statuses).as(answers.toString()).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        String winner = answers.stream().filter(a -> a.status() == 201).findFirst().orElseThrow()
                .json().get("shelterId").asString();
        assertThat(answers.stream().filter(a -> a.status() == 409))
                .allSatisfy(lost -> assertThat(lost.json().get("detail").asString()).contains(winner));
        assertThat(http().get("/api/shelters?state=MX-OAX&size=500").json().get("items").findValuesAsString("name")
                .stream().filter(n -> n.equalsIgnoreCase(name))).hasSize(1);
    }

    @Test
    void aReplayedRegistrationAnswersTheFirstResultInsteadOfTheConflict() {
        Map<String, Object> body = Fixtures.shelter("Albergue Repetido " + marker(), "MX-SLP", "Matehuala", "CENTRE", 40);
        String key = "register-" + UUID.randomUUID();

        Http.Response first = http().post("/api/shelters", body, Map.of("Idempotency-Key", key));
        Http.Response replay = http().post("/api/shelters", body, Map.of("Idempotency-Key", key));
        Http.Response anotherKey = http().post("/api/shelters", body, Map.of("Idempotency-Key", key + "-other"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.text()).isEqualTo(first.text());
        assertThat(anotherKey.status()).isEqualTo(409);
        assertThat(anotherKey.json().get("type").asString()).isEqualTo(DUPLICATE);
    }

    @Test
    void aRenameOntoAnotherSheltersNameIsAConflictAndARenameToAFreeNameMovesTheName() {
        String m = marker();
        String taken = "Albergue Tomado " + m;
        String old = "Albergue Viejo " + m;
        String renamed = "Albergue Nuevo " + m;
        assertThat(registration(taken, "MX-VER", "Orizaba").status()).isEqualTo(201);
        String id = registration(old, "MX-VER", "Orizaba").json().get("shelterId").asString();

        Http.Response onto = http().put("/api/shelters/" + id,
                Fixtures.shelter(taken.toLowerCase(), "MX-VER", "Orizaba", "SOUTHERN_BORDER", 80), Map.of());
        assertThat(onto.status()).as(onto.text()).isEqualTo(409);
        assertThat(onto.json().get("type").asString()).isEqualTo(DUPLICATE);
        assertThat(http().get("/api/shelters/" + id).json().get("name").asString()).isEqualTo(old);

        Http.Response moved = http().put("/api/shelters/" + id,
                Fixtures.shelter(renamed, "MX-VER", "Orizaba", "SOUTHERN_BORDER", 80), Map.of("If-Match", "\"1\""));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);

        assertThat(registration(renamed, "MX-VER", "Orizaba").status()).isEqualTo(409);
        assertThat(registration(old, "MX-VER", "Orizaba").status()).as("the old name is free again").isEqualTo(201);
    }

    @Test
    void aProfileUpdateThatKeepsTheNameKeepsItsClaim() {
        String name = "Albergue Sin Cambio " + marker();
        String id = registration(name, "MX-SON", "Nogales").json().get("shelterId").asString();

        Http.Response bigger = http().put("/api/shelters/" + id,
                Fixtures.shelter(name.toUpperCase(), "MX-SON", "NOGALES", "NORTHERN_BORDER", 120), Map.of());
        assertThat(bigger.status()).as(bigger.text()).isEqualTo(200);

        assertThat(registration(name, "MX-SON", "Nogales").status()).isEqualTo(409);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

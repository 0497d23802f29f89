package org.shelters.agreements.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shelters.testsupport.TestInfrastructure;
import org.shelters.testsupport.TestIssuer;
import tools.jackson.databind.JsonNode;

/**
 * Object-level access: a shelter partner acts for its own shelters only. With shelters A and B and
 * a partner of each, partner A reports arrivals for A and is refused (403) on every read and
 * command of B and of B's agreement, its lists hold only A's, and a filter naming B is 403 — and
 * the other way round. The arrivals it reports are published with the partner as their actor.
 */
class PartnerIsolationIT extends IntegrationTest {

    private static final TestIssuer ISSUER = TestInfrastructure.issuer();
    private static final String FORBIDDEN = "urn:shelters:problem:forbidden";

    private String shelterA;
    private String shelterB;
    private String agreementA;
    private String agreementB;
    private String subjectA;
    private Http partnerA;
    private Http partnerB;

    @BeforeEach
    void twoSheltersEachWithAnAgreementAndAPartner() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        shelterA = register("Albergue Aislado A " + suffix, "MX-CHP", "SOUTHERN_BORDER", 70);
        shelterB = register("Albergue Aislado B " + suffix, "MX-CHP", "SOUTHERN_BORDER", 70);
        agreementA = draft(shelterA, "isolation");
        agreementB = draft(shelterB, "isolation");
        subjectA = "partner-a-" + suffix;
        partnerA = http().withToken(ISSUER.partner(subjectA, List.of(shelterA)));
        partnerB = http().withToken(ISSUER.partner("partner-b-" + suffix, List.of(shelterB)));
    }

    @Test
    void aPartnerReportsArrivalsForItsOwnShelterOnlyAndTheEventsNameItAsTheActor() {
        Map<String, Object> yesterday = Fixtures.arrivals(Fixtures.today().minusDays(1), 30);

        Http.Response own = partnerA.post("/api/shelters/" + shelterA + "/arrivals", yesterday);
        assertThat(own.status()).as(own.text()).isEqualTo(201);
        Http.Response corrected = partnerA.post("/api/shelters/" + shelterA + "/arrivals",
                Fixtures.arrivals(Fixtures.today().minusDays(1), 32));
        assertThat(corrected.status()).as(corrected.text()).isEqualTo(201);
        assertThat(corrected.json().get("correction").asBoolean()).isTrue();

        Http.Response other = partnerA.post("/api/shelters/" + shelterB + "/arrivals", yesterday);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.problemType()).isEqualTo(FORBIDDEN);
        assertThat(partnerB.post("/api/shelters/" + shelterA + "/arrivals", yesterday).status()).isEqualTo(403);
        assertThat(http().get("/api/shelters/" + shelterB).header("ETag")).as("shelter B untouched").isEqualTo("\"1\"");

        List<JsonNode> events = events("shelters.v1", shelterA, 3);
        assertThat(PublishedEvents.types(events))
                .containsExactly("ShelterRegistered", "ShelterArrivalsReported", "ShelterArrivalsReported");
        assertThat(events.get(0).path("actorid").asString()).isEqualTo(TestIssuer.subjectOf("ADMIN"));
        assertThat(events.get(0).path("actorrole").asString()).isEqualTo("ADMIN");
        for (JsonNode reported : events.subList(1, 3)) {
            assertThat(reported.path("actorid").asString()).isEqualTo(subjectA);
            assertThat(reported.path("actorrole").asString()).isEqualTo("SHELTER_PARTNER");
        }
    }

    @Test
    void aPartnerIsRefusedOnEveryReadOfAnotherShelterAndItsAgreementsButUnknownIdsStay404() {
        for (String path : List.of("/api/shelters/" + shelterB, "/api/agreements/" + agreementB,
                "/api/agreements?shelterId=" + shelterB)) {
            Http.Response refused = partnerA.get(path);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.problemType()).isEqualTo(FORBIDDEN);
            assertThat(refused.text()).as("a refusal names nothing of B").doesNotContain("Aislado B");
        }
        assertThat(partnerA.get("/api/shelters/" + shelterA).status()).isEqualTo(200);
        assertThat(partnerA.get("/api/agreements/" + agreementA).status()).isEqualTo(200);
        assertThat(partnerA.get("/api/shelters/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(partnerA.get("/api/agreements/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void aPartnersListsHoldOnlyItsOwnShelterAndAgreementsFilteredBeforePaging() {
        JsonNode shelters = partnerA.get("/api/shelters?includeRetired=true&size=500").json();
        assertThat(shelters.get("total").asLong()).as("counted in the store, not after paging").isEqualTo(1);
        assertThat(shelters.get("items").findValuesAsString("shelterId")).containsExactly(shelterA);
        // the first page of one is A, not a page of others' shelters emptied afterwards
        assertThat(partnerA.get("/api/shelters?size=1").json().get("items").findValuesAsString("shelterId"))
                .containsExactly(shelterA);

        JsonNode agreements = partnerA.get("/api/agreements?size=500").json();
        assertThat(agreements.get("total").asLong()).isEqualTo(1);
        assertThat(agreements.get("items").findValuesAsString("agreementId")).containsExactly(agreementA);
        assertThat(partnerA.get("/api/agreements?shelterId=" + shelterA).json().get("items")
                .findValuesAsString("agreementId")).containsExactly(agreementA);
        assertThat(partnerA.get("/api/agreements?size=1&state=MX-CHP").json().get("items")
                .findValuesAsString("agreementId")).containsExactly(agreementA);
    }

    @Test
    void thePartnerOfTheOtherShelterSeesNothingOfTheFirst() {
        assertThat(partnerB.get("/api/shelters/" + shelterA).status()).isEqualTo(403);
        assertThat(partnerB.get("/api/agreements/" + agreementA).status()).isEqualTo(403);
        assertThat(partnerB.get("/api/agreements?shelterId=" + shelterA).status()).isEqualTo(403);
        assertThat(partnerB.get("/api/shelters?includeRetired=true&size=500").json().get("items")
                .findValuesAsString("shelterId")).containsExactly(shelterB);
        assertThat(partnerB.get("/api/agreements?size=500").json().get("items")
                .findValuesAsString("agreementId")).containsExactly(agreementB);
    }

    @Test
    void everyOtherCommandOnAnotherShelterOrItsAgreementIsRefusedAndChangesNothing() {
        Map<String, Object> profile = Fixtures.shelter("Albergue Tomado", "MX-CHP", "SOUTHERN_BORDER", 999);
        List<Http.Response> refused = List.of(
                partnerA.post("/api/shelters", profile),
                partnerA.put("/api/shelters/" + shelterB, profile, Map.of()),
                partnerA.post("/api/shelters/" + shelterB + "/retire", Map.of("reason", "taken over")),
                partnerA.post("/api/agreements", Fixtures.draft(shelterB, "taken over")),
                partnerA.post("/api/agreements/" + agreementB + "/sign", null),
                partnerA.post("/api/agreements/" + agreementB + "/amend", Map.of("reason", "taken over")),
                partnerA.post("/api/agreements/" + agreementB + "/suspend", Map.of("reason", "taken over")),
                partnerA.post("/api/agreements/" + agreementB + "/resume", null),
                partnerA.post("/api/agreements/" + agreementB + "/terminate", Map.of("reason", "taken over")),
                partnerA.post("/api/agreements/" + agreementB + "/complete", null),
                partnerA.post("/api/agreements/" + agreementB + "/trainings", Map.of("topic", "MIGRANT_RIGHTS",
                        "date", Fixtures.today().toString(), "participantsWomen", 1, "participantsMen", 1)),
                // nor on its own shelter: a partner reports arrivals, nothing else
                partnerA.put("/api/shelters/" + shelterA, profile, Map.of()),
                partnerA.post("/api/agreements/" + agreementA + "/sign", null));
        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.text()).isEqualTo(403);
            assertThat(answer.problemType()).isEqualTo(FORBIDDEN);
        });
        assertThat(http().get("/api/shelters/" + shelterB).header("ETag")).isEqualTo("\"1\"");
        assertThat(http().get("/api/agreements/" + agreementB).json().get("status").asString()).isEqualTo("DRAFT");
        assertThat(http().get("/api/agreements?shelterId=" + shelterB).json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void aPartnerOfTwoSheltersSeesBothAndOneOfNoneSeesNothing() {
        Http both = http().withToken(ISSUER.partner("partner-ab-" + UUID.randomUUID(), List.of(shelterA, shelterB)));
        assertThat(both.get("/api/shelters?size=500").json().get("items").findValuesAsString("shelterId"))
                .containsExactlyInAnyOrder(shelterA, shelterB);
        assertThat(both.get("/api/agreements/" + agreementB).status()).isEqualTo(200);

        Http none = http().withToken(ISSUER.token("partner-none-" + UUID.randomUUID(), List.of("SHELTER_PARTNER"), null));
        assertThat(none.get("/api/shelters?includeRetired=true").json().get("total").asLong()).isZero();
        assertThat(none.get("/api/agreements").json().get("total").asLong()).isZero();
        assertThat(none.get("/api/shelters/" + shelterA).status()).isEqualTo(403);
        assertThat(none.post("/api/shelters/" + shelterA + "/arrivals",
                Fixtures.arrivals(Fixtures.today().minusDays(1), 5)).status()).isEqualTo(403);
    }

    @Test
    void aProgrammeRoleNextToThePartnerRoleWidensWhatItReadsNotWhoseArrivalsItReports() {
        Http officerAndPartner = http().withToken(ISSUER.token("officer-partner-" + UUID.randomUUID(),
                List.of("PROGRAMME_OFFICER", "SHELTER_PARTNER"), List.of(shelterA)));
        Map<String, Object> yesterday = Fixtures.arrivals(Fixtures.today().minusDays(1), 12);

        assertThat(officerAndPartner.get("/api/shelters/" + shelterB).status()).isEqualTo(200);
        assertThat(officerAndPartner.post("/api/shelters/" + shelterA + "/arrivals", yesterday).status()).isEqualTo(201);
        Http.Response other = officerAndPartner.post("/api/shelters/" + shelterB + "/arrivals", yesterday);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.problemType()).isEqualTo(FORBIDDEN);
        assertThat(http().get("/api/shelters/" + shelterB).header("ETag")).isEqualTo("\"1\"");
    }
}

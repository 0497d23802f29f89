package org.shelters.agreements.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shelters.testsupport.ApiDocumentCheck;
import tools.jackson.databind.JsonNode;

/**
 * The running service's {@code /v3/api-docs} explains the API: who it is, what every operation
 * answers when it works and when it is refused, the headers commands take, the fields commands
 * require (as {@code Commands}, {@code ShelterProfile} and {@code ArrivalsReport} refuse them) and
 * examples of the main commands.
 */
class OpenApiDocumentIT extends IntegrationTest {

    private static final String[] UPDATES = {
            "PUT /api/shelters/{shelterId}", "POST /api/shelters/{shelterId}/retire",
            "POST /api/agreements/{agreementId}/sign", "POST /api/agreements/{agreementId}/amend",
            "POST /api/agreements/{agreementId}/suspend", "POST /api/agreements/{agreementId}/resume",
            "POST /api/agreements/{agreementId}/terminate", "POST /api/agreements/{agreementId}/complete",
            "POST /api/agreements/{agreementId}/trainings"};

    @Test
    void theDocumentExplainsEveryOperation() {
        ApiDocumentCheck check = ApiDocumentCheck.of(document())
                .answers("POST /api/shelters", 201, "Location", "ETag")
                .answers("POST /api/agreements", 201, "Location", "ETag")
                .answers("POST /api/shelters/{shelterId}/arrivals", 201)
                .answers("POST /api/agreements/{agreementId}/trainings", 201, "ETag")
                .answers("GET /api/shelters/{shelterId}", 200, "ETag")
                .answers("GET /api/agreements/{agreementId}", 200, "ETag")
                .takesIfMatch(UPDATES)
                .requires("ShelterProfile", "name", "state", "municipality", "corridor", "capacity")
                .requires("ArrivalsReport", "date", "arrivals", "women", "men", "girls", "boys", "unaccompaniedChildren",
                        "olderPersons", "reportedKidnapOrTraffickingVictims", "overnightOccupancy")
                .requires("DraftAgreement", "shelterId", "programmeCode", "donor", "phase", "year", "period", "budget")
                .requires("Period", "start", "end")
                .requires("Money", "amount", "currency")
                .requires("CommitmentLine", "category", "itemCode", "quantity", "unit")
                .requires("AmendAgreement", "reason")
                .requires("RecordTraining", "topic", "date", "participantsWomen", "participantsMen")
                .hasExamples("POST /api/shelters", "POST /api/shelters/{shelterId}/arrivals", "POST /api/agreements",
                        "POST /api/agreements/{agreementId}/sign");
        for (String update : UPDATES) {
            check.answers(update, update.endsWith("/trainings") ? 201 : 200, "ETag");
        }
        check.verify();
    }

    @Test
    void theVersionIsTheProjectsAndTheTitleNamesTheService() throws java.io.IOException {
        JsonNode info = document().path("info");
        assertThat(info.path("title").asString()).contains("agreements");
        java.util.regex.Matcher version = java.util.regex.Pattern.compile(
                "<artifactId>agreements-service</artifactId>\\s*<version>([^<]+)</version>|<parent>.*?<version>([^<]+)</version>",
                java.util.regex.Pattern.DOTALL).matcher(java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml")));
        assertThat(version.find()).as("the module's pom names its version").isTrue();
        String projectVersion = version.group(1) != null ? version.group(1) : version.group(2);
        assertThat(info.path("version").asString()).isEqualTo(projectVersion);
    }

    /** What a required field means here is what the code refuses: a draft without them names each one. */
    @Test
    void theRequiredFieldsAreTheOnesADraftIsRefusedWithout() {
        JsonNode required = document().path("components").path("schemas").path("DraftAgreement").path("required");
        Http.Response refused = http().post("/api/agreements", java.util.Map.of());
        assertThat(refused.status()).isEqualTo(400);
        java.util.Set<String> named = new java.util.TreeSet<>();
        refused.json().path("errors").forEach(error -> named.add(error.path("field").asString()));
        java.util.Set<String> documented = new java.util.TreeSet<>();
        required.forEach(field -> documented.add(field.asString()));
        assertThat(named).isEqualTo(documented);
    }

    private JsonNode document() {
        Http.Response docs = http().anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        try {
            // kept for a reader of the build (and a diff between builds)
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi.json"), docs.text());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return docs.json();
    }
}

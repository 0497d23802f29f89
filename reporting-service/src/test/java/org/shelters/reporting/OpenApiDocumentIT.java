package org.shelters.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventJson;
import org.shelters.testsupport.ApiDocumentCheck;
import tools.jackson.databind.JsonNode;

/**
 * The running service's {@code /v3/api-docs} explains the API: who it is, what every operation
 * answers when it works (the rebuild 202) and when it is refused (problem+json, 401/403), and the
 * Idempotency-Key of its one command.
 */
class OpenApiDocumentIT extends ReportingIT {

    @Test
    void theDocumentExplainsEveryOperation() throws Exception {
        HttpResponse<String> docs = request("GET", "/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi.json"), docs.body());
        JsonNode document = EventJson.mapper().readTree(docs.body());

        // the IATI file is 204 when no agreement matches: an IATI file must hold at least one activity
        ApiDocumentCheck.of(document).answers("POST /api/reports/rebuild", 202)
                .alsoAnswers("GET /api/reports/exports/iati-activities.xml", 204).verify();
        assertThat(document.path("info").path("title").asString()).contains("reporting");
    }
}

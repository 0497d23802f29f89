package org.shelters.logistics.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shelters.testsupport.ApiDocumentCheck;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The running service's {@code /v3/api-docs} explains the API: who it is, what every operation
 * answers when it works and when it is refused, the headers commands take, the fields the shipment
 * commands require (their Bean Validation constraints) and examples of plan, dispatch and deliver.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class OpenApiDocumentIT extends RunningLogistics {

    private static final String[] UPDATES = {"POST /api/shipments/{shipmentId}/dispatch",
            "POST /api/shipments/{shipmentId}/deliver", "POST /api/shipments/{shipmentId}/cancel"};

    @Test
    void theDocumentExplainsEveryOperation() throws Exception {
        JsonNode document = document();
        ApiDocumentCheck check = ApiDocumentCheck.of(document)
                .answers("POST /api/shipments", 201, "Location", "ETag")
                .answers("GET /api/shipments/{shipmentId}", 200, "ETag")
                .takesIfMatch(UPDATES)
                .requires("PlanShipment", "agreementId", "shelterId", "plannedDate", "lines")
                .requires("PlanLine", "commitmentLineId", "quantity")
                .requires("DispatchShipment", "carrier")
                .requires("DeliverShipment", "receivedAt", "receivedByRole", "lines")
                .requires("DeliveredLine", "lineId", "quantityAccepted")
                .requires("CancelShipment", "reason")
                .hasExamples("POST /api/shipments", "POST /api/shipments/{shipmentId}/dispatch",
                        "POST /api/shipments/{shipmentId}/deliver");
        for (String update : UPDATES) {
            check.answers(update, 200, "ETag");
        }
        check.verify();
        assertThat(document.path("info").path("title").asString()).contains("logistics");
    }

    private JsonNode document() throws Exception {
        LogisticsHarness.Response docs = api.anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi.json"), docs.raw().body());
        return docs.body();
    }
}

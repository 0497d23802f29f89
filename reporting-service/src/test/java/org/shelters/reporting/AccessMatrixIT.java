package org.shelters.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventJson;
import org.shelters.platform.security.Role;
import org.shelters.testsupport.AccessMatrix;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of the running service's own OpenAPI document x every role (and no token), as
 * {@link #MATRIX} says — the same table as the README's. Each call goes through the real filter
 * chain with a real signed token, at real objects (shelter A of {@link TwoShelters}, its agreement
 * and shipment), so an allowed caller gets its 2xx and a refused one a 403 problem+json. "own
 * shelter" is checked both ways: a partner of A is answered; a partner of another shelter is 403 on
 * A's records, and its lists are answered with nothing of A ({@link PartnerIsolationIT} checks
 * every figure).
 *
 * <p>The table must name exactly the document's operations ({@link AccessMatrix#assertCovers}): an
 * endpoint added without deciding who may call it fails here (and is denied to everyone by the
 * platform until a rule names it).
 */
class AccessMatrixIT extends ReportingIT {

    /** Who may call what (ADMIN always may). Rows = operations of the OpenAPI document, columns = roles. */
    static final String MATRIX = """
            | operation                                            | PROGRAMME_OFFICER | LOGISTICS_OFFICER | SHELTER_PARTNER | ANALYST | DONOR | OPERATIONS | ADMIN |
            |------------------------------------------------------|-------------------|-------------------|-----------------|---------|-------|------------|-------|
            | GET /api/reports/shelters                            | yes               | yes               | own shelter     | yes     | no    | no         | yes   |
            | GET /api/reports/shelters/{shelterId}                | yes               | yes               | own shelter     | yes     | no    | no         | yes   |
            | GET /api/reports/agreements/{agreementId}/fulfilment | yes               | yes               | own shelter     | yes     | no    | no         | yes   |
            | GET /api/reports/alerts                              | yes               | yes               | own shelter     | yes     | no    | no         | yes   |
            | GET /api/reports/programme                           | yes               | yes               | own shelter     | yes     | yes   | no         | yes   |
            | GET /api/reports/delivery-performance                | yes               | yes               | own shelter     | yes     | yes   | no         | yes   |
            | GET /api/reports/arrivals-trend                      | yes               | yes               | own shelter     | yes     | yes   | no         | yes   |
            | GET /api/reports/exports/3w.csv                      | yes               | yes               | own shelter     | yes     | yes   | no         | yes   |
            | GET /api/reports/exports/shelters.csv                | yes               | yes               | own shelter     | yes     | yes   | no         | yes   |
            | GET /api/reports/exports/iati-activities.xml         | yes               | yes               | own shelter     | yes     | yes   | no         | yes   |
            | POST /api/reports/rebuild                            | no                | no                | no              | no      | no    | yes        | yes   |
            | GET /api/reports/rebuild                             | no                | no                | no              | no      | no    | yes        | yes   |
            | GET /api/audit/agreements/{agreementId}              | no                | no                | no              | no      | no    | yes        | yes   |
            | GET /api/audit/shipments/{shipmentId}                | no                | no                | no              | no      | no    | yes        | yes   |
            | GET /api/me                                          | yes               | yes               | yes             | yes     | yes   | yes        | yes   |
            """;

    enum Access {
        YES, OWN_SHELTER, NO;

        /** yes, own shelter or no. */
        static Access of(String cell) {
            return valueOf(cell.toUpperCase().replace(' ', '_'));
        }
    }

    /** Who calls: the label in failure messages, the token (null: none), the role whose column applies (null: 401). */
    private record Caller(String label, String token, Role role, boolean ownShelter) {
    }

    TwoShelters fed;

    @BeforeEach
    void feed() {
        fed = TwoShelters.feed(programme, today(), this::get);
        // the audit trail is written beside the projections: wait for A's agreement and shipment in it
        await().atMost(Duration.ofSeconds(30)).until(() ->
                request("GET", "/api/audit/agreements/" + fed.agreementA(), as("OPERATIONS")).statusCode() == 200
                        && request("GET", "/api/audit/shipments/" + fed.shipmentA(), as("OPERATIONS")).statusCode() == 200);
    }

    @Test
    void theTableNamesExactlyTheOperationsOfTheOpenApiDocument() {
        matrix().assertCovers(document());
    }

    @Test
    void everyOperationAnswersEveryRoleAndNoTokenAsTheTableSays() {
        AccessMatrix matrix = matrix();
        matrix.assertCovers(document());
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String operation : matrix.operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(method.length() + 1)
                    .replace("{shelterId}", fed.shelterA()).replace("{agreementId}", fed.agreementA())
                    .replace("{shipmentId}", fed.shipmentA());
            for (Caller caller : callers()) {
                int expected = expected(caller, matrix, operation);
                if (method.equals("POST")) {
                    awaitNoRebuild();
                }
                HttpResponse<String> answer = request(method, path, caller.token());
                checked++;
                String what = operation + " as " + caller.label() + ": got " + answer.statusCode() + " " + abbreviated(answer);
                if (expected == 200) {
                    if (answer.statusCode() / 100 != 2) {
                        wrong.add(what + ", expected 2xx (allowed)");
                    }
                    continue;
                }
                if (answer.statusCode() != expected) {
                    wrong.add(what + ", expected " + expected);
                    continue;
                }
                String problem = expected == 401 ? "urn:shelters:problem:unauthenticated" : "urn:shelters:problem:forbidden";
                String type = EventJson.mapper().readTree(answer.body()).path("type").asString("");
                if (!type.equals(problem) || !answer.headers().firstValue("Content-Type").orElse("")
                        .startsWith("application/problem+json")) {
                    wrong.add(what + ", expected problem+json of type " + problem);
                }
            }
        }
        awaitNoRebuild();
        assertThat(wrong).as("answers that differ from the table").isEmpty();
        assertThat(checked).isEqualTo(matrix.operations().size() * callers().size());
    }

    @Test
    void theDocumentDeclaresTheBearerJwtSchemeAnd401And403OnEveryOperation() {
        AccessMatrix.assertEveryOperationDocumentsRefusals(document());
    }

    // ------------------------------------------------------------------ the table

    /** {@link #MATRIX} read: a column for every role and no other, every cell an {@link Access}, ADMIN yes everywhere. */
    static AccessMatrix matrix() {
        AccessMatrix matrix = AccessMatrix.parse(MATRIX, Arrays.stream(Role.values()).map(Role::name).toList(),
                List.of("yes", "own shelter", "no"));
        matrix.assertColumn(Role.ADMIN.name(), "yes");
        return matrix;
    }

    private JsonNode document() {
        HttpResponse<String> docs = request("GET", "/v3/api-docs", null);
        assertThat(docs.statusCode()).as("the document is open").isEqualTo(200);
        return EventJson.mapper().readTree(docs.body());
    }

    // ------------------------------------------------------------------ who calls, and what they should get

    /** No token, each role (the partner acts for shelter A), and a partner of another shelter. */
    private List<Caller> callers() {
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller("no token", null, null, false));
        for (Role role : Role.values()) {
            String token = role == Role.SHELTER_PARTNER ? ISSUER.partner("partner-of-a", List.of(fed.shelterA()))
                    : as(role.name());
            callers.add(new Caller(role.name(), token, role, true));
        }
        callers.add(new Caller("partner of another shelter", ISSUER.partner("partner-of-b", List.of(fed.shelterB())),
                Role.SHELTER_PARTNER, false));
        return callers;
    }

    /**
     * 200 (any 2xx: allowed), 401 or 403. A partner of another shelter is refused a record of A
     * (an operation whose path names one), and answered on a list (which then holds none of A).
     */
    private static int expected(Caller caller, AccessMatrix matrix, String operation) {
        if (caller.role() == null) {
            return 401;
        }
        boolean oneShelter = operation.contains("{");
        return switch (Access.of(matrix.cell(operation, caller.role().name()))) {
            case YES -> 200;
            case NO -> 403;
            case OWN_SHELTER -> caller.ownShelter() || !oneShelter ? 200 : 403;
        };
    }

    /** One rebuild at a time: a start while one runs is a 409, so wait for the last to end. */
    private void awaitNoRebuild() {
        await().atMost(Duration.ofSeconds(120)).until(() ->
                !"RUNNING".equals(get("/api/reports/rebuild").get("state").asString()));
    }

    private static String abbreviated(HttpResponse<String> answer) {
        String body = answer.body();
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}

package org.shelters.logistics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shelters.logistics.it.LogisticsHarness.ISSUER;
import static org.shelters.logistics.it.LogisticsHarness.line;
import static org.shelters.logistics.it.LogisticsHarness.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shelters.platform.security.Role;
import org.shelters.testsupport.AccessMatrix;
import org.shelters.testsupport.TestIssuer;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of the running service's own OpenAPI document x every role (and no token), as
 * {@link #MATRIX} says — the same table as the README's. Each call goes through the real filter
 * chain with a real signed token, at real objects in the state the operation needs (a fresh planned
 * or dispatched shipment of a signed agreement), so an allowed caller reaches the controller and
 * gets its 2xx, and a refused one gets 403 problem+json and changes nothing. "own shelter" is
 * checked both ways: a partner of the object's shelter is allowed, a partner of another is 403.
 *
 * <p>The table must name exactly the document's operations ({@link AccessMatrix#assertCovers}): an
 * endpoint added without deciding who may call it fails here (and is denied to everyone by the
 * platform until a rule names it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class AccessMatrixIT extends RunningLogistics {

    /** Who may call what (ADMIN always may). Rows = operations of the OpenAPI document, columns = roles. */
    static final String MATRIX = """
            | operation                                      | PROGRAMME_OFFICER | LOGISTICS_OFFICER | SHELTER_PARTNER | ANALYST | DONOR | OPERATIONS | ADMIN |
            |------------------------------------------------|-------------------|-------------------|-----------------|---------|-------|------------|-------|
            | POST /api/shipments                            | no                | yes               | no              | no      | no    | no         | yes   |
            | POST /api/shipments/{shipmentId}/dispatch      | no                | yes               | no              | no      | no    | no         | yes   |
            | POST /api/shipments/{shipmentId}/deliver       | no                | yes               | own shelter     | no      | no    | no         | yes   |
            | POST /api/shipments/{shipmentId}/cancel        | no                | yes               | no              | no      | no    | no         | yes   |
            | GET /api/shipments/{shipmentId}                | yes               | yes               | own shelter     | yes     | no    | yes        | yes   |
            | GET /api/shipments                             | yes               | yes               | own shelter     | yes     | no    | yes        | yes   |
            | GET /api/agreements/{agreementId}/outstanding  | yes               | yes               | own shelter     | yes     | no    | yes        | yes   |
            """;

    enum Access {
        YES, OWN_SHELTER, NO;

        /** yes, own shelter or no. */
        static Access of(String cell) {
            return valueOf(cell.toUpperCase().replace(' ', '_'));
        }
    }

    /** One request, and the shipment it acts on (null: none), to check that a refused one changed nothing. */
    private record Call(String method, String path, Object body, String shipmentId) {
    }

    /** Who calls: the label in failure messages, the harness, and what the table says for them (null: 401 expected). */
    private record Caller(String label, LogisticsHarness api, Role role, boolean ownShelter) {
    }

    private String otherShelterId;
    private int plannedByTest;
    private int plannedByCallers;

    @BeforeEach
    void signTheAgreement() throws Exception {
        otherShelterId = "shelter-" + UUID.randomUUID();
        api.signAndAwait(agreementId, shelterId);
    }

    @Test
    void theTableNamesExactlyTheOperationsOfTheOpenApiDocument() throws Exception {
        matrix().assertCovers(document());
    }

    @Test
    void everyOperationAnswersEveryRoleAndNoTokenAsTheTableSays() throws Exception {
        AccessMatrix matrix = matrix();
        matrix.assertCovers(document());
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String operation : matrix.operations()) {
            for (Caller caller : callers()) {
                Call call = prepare(operation);
                Integer expected = expected(caller, matrix, operation);
                LogisticsHarness.Response answer = caller.api().send(call.method(), call.path(), call.body());
                checked++;
                String what = operation + " as " + caller.label() + ": got " + answer.status() + " " + answer.body();
                if (expected == null) {
                    if (answer.status() / 100 != 2) {
                        wrong.add(what + ", expected 2xx (allowed)");
                    } else if (call.path().equals("/api/shipments") && call.method().equals("POST")) {
                        plannedByCallers++;
                    }
                    continue;
                }
                if (answer.status() != expected) {
                    wrong.add(what + ", expected " + expected);
                    continue;
                }
                String type = answer.body().path("type").asString("");
                String problem = expected == 401 ? "urn:shelters:problem:unauthenticated" : "urn:shelters:problem:forbidden";
                if (!type.equals(problem) || answer.contentType() == null
                        || !answer.contentType().startsWith("application/problem+json")) {
                    wrong.add(what + ", expected problem+json of type " + problem);
                }
                if (call.shipmentId() != null && changed(call)) {
                    wrong.add(what + ": refused, yet the shipment changed");
                }
            }
        }
        assertThat(wrong).as("answers that differ from the table").isEmpty();
        assertThat(checked).isEqualTo(matrix.operations().size() * callers().size());
        assertThat(api.get("/api/shipments?size=1&agreementId=" + agreementId).body().get("total").asLong())
                .as("shipments of the agreement: the test's own and the allowed callers' plans, no refused one")
                .isEqualTo(plannedByTest + plannedByCallers);
    }

    @Test
    void theDocumentDeclaresTheBearerJwtSchemeAnd401And403OnEveryOperation() throws Exception {
        JsonNode docs = document();
        AccessMatrix.assertEveryOperationDocumentsRefusals(docs);
        for (String name : List.of("Unauthenticated", "Forbidden")) {
            assertThat(docs.path("components").path("responses").path(name).path("content").has("application/problem+json"))
                    .as("components.responses.%s", name).isTrue();
        }
    }

    // ------------------------------------------------------------------ the table

    /** {@link #MATRIX} read: a column for every role and no other, every cell an {@link Access}, ADMIN yes everywhere. */
    static AccessMatrix matrix() {
        AccessMatrix matrix = AccessMatrix.parse(MATRIX, Arrays.stream(Role.values()).map(Role::name).toList(),
                List.of("yes", "own shelter", "no"));
        matrix.assertColumn(Role.ADMIN.name(), "yes");
        return matrix;
    }

    private JsonNode document() throws Exception {
        LogisticsHarness.Response docs = api.anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        return docs.body();
    }

    // ------------------------------------------------------------------ who calls, and what they should get

    /** No token, each role (partners of the objects' shelter), and a partner of another shelter. */
    private List<Caller> callers() {
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller("no token", api.anonymous(), null, false));
        for (Role role : Role.values()) {
            LogisticsHarness as = role == Role.SHELTER_PARTNER
                    ? api.withToken(() -> ISSUER.partner(TestIssuer.subjectOf(role.name()), List.of(shelterId)))
                    : api.as(role.name());
            callers.add(new Caller(role.name(), as, role, true));
        }
        callers.add(new Caller("SHELTER_PARTNER of another shelter", api.withToken(() ->
                ISSUER.partner("partner-elsewhere-" + UUID.randomUUID(), List.of(otherShelterId))), Role.SHELTER_PARTNER, false));
        return callers;
    }

    /** 401, 403, or null for allowed (2xx expected: every call is prepared to succeed). */
    private static Integer expected(Caller caller, AccessMatrix matrix, String operation) {
        if (caller.role() == null) {
            return 401;
        }
        return switch (Access.of(matrix.cell(operation, caller.role().name()))) {
            case YES -> null;
            case OWN_SHELTER -> caller.ownShelter() ? null : 403;
            case NO -> 403;
        };
    }

    // ------------------------------------------------------------------ real objects in the state each operation needs

    /** A call that succeeds for an allowed caller: fresh objects, so one caller's call never spoils the next one's. */
    private Call prepare(String operation) throws Exception {
        return switch (operation) {
            case "POST /api/shipments" -> new Call("POST", "/api/shipments",
                    plan(agreementId, shelterId, List.of(line("C-HYG", 1))), null);
            case "POST /api/shipments/{shipmentId}/dispatch" -> {
                String planned = planned();
                yield new Call("POST", "/api/shipments/" + planned + "/dispatch", Map.of("carrier", "Estafeta"), planned);
            }
            case "POST /api/shipments/{shipmentId}/deliver" -> {
                String dispatched = dispatched();
                yield new Call("POST", "/api/shipments/" + dispatched + "/deliver", Map.of("receivedAt", Instant.now().toString(),
                        "receivedByRole", "shelter coordinator", "lines", List.of(Map.of("lineId", "L1", "quantityAccepted", 1))),
                        dispatched);
            }
            case "POST /api/shipments/{shipmentId}/cancel" -> {
                String planned = planned();
                yield new Call("POST", "/api/shipments/" + planned + "/cancel", Map.of("reason", "access matrix"), planned);
            }
            case "GET /api/shipments/{shipmentId}" -> new Call("GET", "/api/shipments/" + planned(), null, null);
            // named shelter, so that "own shelter" is a question a partner of another shelter is refused on
            case "GET /api/shipments" -> new Call("GET", "/api/shipments?shelterId=" + shelterId, null, null);
            case "GET /api/agreements/{agreementId}/outstanding" ->
                    new Call("GET", "/api/agreements/" + agreementId + "/outstanding", null, null);
            default -> throw new AssertionError(operation + " is in the table but the test has no request for it: add one");
        };
    }

    private String planned() throws Exception {
        LogisticsHarness.Response planned = api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-HYG", 1))));
        assertThat(planned.status()).as(planned.body().toString()).isEqualTo(201);
        plannedByTest++;
        return planned.body().get("shipmentId").asString();
    }

    private String dispatched() throws Exception {
        String shipmentId = planned();
        LogisticsHarness.Response dispatched = api.post("/api/shipments/" + shipmentId + "/dispatch",
                Map.of("carrier", "Estafeta", "dispatchedAt", Instant.now().minusSeconds(600).toString()));
        assertThat(dispatched.status()).as(dispatched.body().toString()).isEqualTo(200);
        return shipmentId;
    }

    /** Whether the shipment moved past the state {@link #prepare} left it in. */
    private boolean changed(Call call) throws Exception {
        JsonNode shipment = api.get("/api/shipments/" + call.shipmentId()).body();
        String expected = call.path().endsWith("/deliver") ? "DISPATCHED" : "PLANNED";
        return !shipment.path("status").asString().equals(expected);
    }
}

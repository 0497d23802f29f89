package org.shelters.agreements.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shelters.platform.security.Role;
import org.shelters.testsupport.TestInfrastructure;
import org.shelters.testsupport.TestIssuer;
import tools.jackson.databind.JsonNode;

/**
 * Who may call what, for every operation the running service documents in {@code /v3/api-docs},
 * for every role and for no token at all, through the real security chain with real signed tokens:
 * no token is 401; a role the matrix refuses is 403; an allowed role reaches the controller
 * (anything but 401/403 — the minimal bodies and a stale {@code If-Match} make most commands a
 * harmless 400/409, so the run changes nothing). A partner's "own shelter" operations are called on
 * its own shelter (allowed) and, where the path names a shelter or agreement, by a partner of
 * another shelter (403).
 *
 * <p>{@link #MATRIX} is the README's table. The test fails when the document has an operation the
 * table does not name (a new endpoint needs a decided rule before it builds) and when the table
 * names an operation the document no longer has.
 */
class AccessMatrixIT extends IntegrationTest {

    private static final TestIssuer ISSUER = TestInfrastructure.issuer();

    /** yes = any shelter; own shelter = a shelter partner's own shelters only; no = 403. ADMIN may do everything. */
    static final String MATRIX = """
            | operation | PROGRAMME_OFFICER | LOGISTICS_OFFICER | SHELTER_PARTNER | ANALYST | DONOR | OPERATIONS | ADMIN |
            |---|---|---|---|---|---|---|---|
            | GET /api/shelters | yes | yes | own shelter | yes | no | yes | yes |
            | POST /api/shelters | yes | no | no | no | no | no | yes |
            | GET /api/shelters/{shelterId} | yes | yes | own shelter | yes | no | yes | yes |
            | PUT /api/shelters/{shelterId} | yes | no | no | no | no | no | yes |
            | POST /api/shelters/{shelterId}/retire | yes | no | no | no | no | no | yes |
            | POST /api/shelters/{shelterId}/arrivals | no | no | own shelter | no | no | no | yes |
            | GET /api/agreements | yes | yes | own shelter | yes | no | yes | yes |
            | POST /api/agreements | yes | no | no | no | no | no | yes |
            | GET /api/agreements/{agreementId} | yes | yes | own shelter | yes | no | yes | yes |
            | POST /api/agreements/{agreementId}/sign | yes | no | no | no | no | no | yes |
            | POST /api/agreements/{agreementId}/amend | yes | no | no | no | no | no | yes |
            | POST /api/agreements/{agreementId}/suspend | yes | no | no | no | no | no | yes |
            | POST /api/agreements/{agreementId}/resume | yes | no | no | no | no | no | yes |
            | POST /api/agreements/{agreementId}/terminate | yes | no | no | no | no | no | yes |
            | POST /api/agreements/{agreementId}/complete | yes | no | no | no | no | no | yes |
            | POST /api/agreements/{agreementId}/trainings | yes | no | no | no | no | no | yes |
            """;

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    enum Access {
        YES("yes"), OWN_SHELTER("own shelter"), NO("no");

        final String cell;

        Access(String cell) {
            this.cell = cell;
        }

        static Access of(String cell) {
            for (Access access : values()) {
                if (access.cell.equals(cell)) {
                    return access;
                }
            }
            throw new IllegalArgumentException("a matrix cell is yes, own shelter or no, not '" + cell + "'");
        }
    }

    private String shelterId;
    private String agreementId;
    private String otherShelterId;

    @BeforeEach
    void aShelterWithAnAgreementAndAnotherShelter() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        shelterId = register("Albergue Matriz " + suffix, "MX-TAB", "SOUTHERN_BORDER", 60);
        agreementId = draft(shelterId, "matrix");
        otherShelterId = register("Albergue Otro " + suffix, "MX-TAB", "SOUTHERN_BORDER", 60);
    }

    @Test
    void everyDocumentedOperationAnswersEveryRoleAsTheMatrixSays() {
        Map<String, Map<Role, Access>> matrix = parse(MATRIX);
        Set<String> documented = documentedOperations();
        assertThat(difference(documented, matrix.keySet()))
                .as("operations in /v3/api-docs without a row in the access matrix: decide who may call them "
                        + "(AccessConfiguration, this matrix and the README)").isEmpty();
        assertThat(difference(matrix.keySet(), documented))
                .as("matrix rows for operations /v3/api-docs no longer has").isEmpty();

        String partner = ISSUER.partner("partner-" + UUID.randomUUID(), List.of(shelterId));
        String otherPartner = ISSUER.partner("partner-" + UUID.randomUUID(), List.of(otherShelterId));
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<String, Map<Role, Access>> row : matrix.entrySet()) {
            String operation = row.getKey();
            Http.Response anonymous = call(http().anonymous(), operation);
            calls++;
            if (anonymous.status() != 401 || !anonymous.problemType().equals("urn:shelters:problem:unauthenticated")) {
                wrong.add(operation + " without a token: " + anonymous.status() + " " + anonymous.text());
            }
            for (Map.Entry<Role, Access> cell : row.getValue().entrySet()) {
                Role role = cell.getKey();
                String token = role == Role.SHELTER_PARTNER ? partner : ISSUER.token(role.name());
                Http.Response answer = call(http().withToken(token), operation);
                calls++;
                judge(wrong, operation, role.name(), cell.getValue() == Access.NO ? Access.NO : Access.YES, answer);
                if (cell.getValue() == Access.OWN_SHELTER && operation.contains("{")) {
                    judge(wrong, operation, "SHELTER_PARTNER of another shelter", Access.NO,
                            call(http().withToken(otherPartner), operation));
                    calls++;
                }
            }
        }
        assertThat(wrong).as("answers that break the access matrix (%d calls)", calls).isEmpty();
    }

    @Test
    void theMatrixIsTheReadmesTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(normalised(readme)).as("agreements-service/README.md holds the access matrix of AccessMatrixIT")
                .contains(normalised(MATRIX));
    }

    @Test
    void tokensThisServiceMustNotAcceptAre401WithoutSayingWhy() {
        List<Function<String, String>> refused = List.of(ISSUER::expired, ISSUER::forged, ISSUER::otherAudience,
                ISSUER::otherIssuer, ISSUER::symmetric, ISSUER::unsigned);
        Set<String> bodies = new TreeSet<>();
        for (Function<String, String> token : refused) {
            Http client = http().withToken(token.apply("ADMIN"));
            for (Http.Response answer : List.of(client.get("/api/shelters/" + shelterId),
                    client.post("/api/shelters", Fixtures.shelter("Albergue Falso " + UUID.randomUUID(), "MX-TAB",
                            "SOUTHERN_BORDER", 10)))) {
                assertThat(answer.status()).as(answer.text()).isEqualTo(401);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.problemType()).isEqualTo("urn:shelters:problem:unauthenticated");
                bodies.add(answer.text());
            }
        }
        assertThat(bodies).as("one and the same 401 whatever was wrong with the token").hasSize(1);
    }

    @Test
    void theOpenApiDocumentSaysEveryOperationNeedsABearerTokenAndMayAnswer401And403() {
        JsonNode document = http().anonymous().get("/v3/api-docs").json();

        JsonNode scheme = document.path("components").path("securitySchemes").path("bearer-jwt");
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(document.path("security").findValues("bearer-jwt")).as("applied to every operation").hasSize(1);
        List<String> undocumented = new ArrayList<>();
        JsonNode paths = document.path("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                JsonNode responses = paths.get(path).get(method).path("responses");
                for (String status : List.of("401", "403")) {
                    JsonNode response = responses.path(status);
                    if (response.has("$ref")) {
                        // a shared response: #/components/responses/<name>
                        String name = response.get("$ref").asString().replaceFirst("^#/components/responses/", "");
                        response = document.path("components").path("responses").path(name);
                    }
                    if (!response.path("content").has("application/problem+json")) {
                        undocumented.add(method.toUpperCase(Locale.ROOT) + " " + path + " " + status);
                    }
                }
            }
        }
        assertThat(undocumented).isEmpty();
    }

    /** Expected YES: the call got past the security chain and the scope check; NO: a 403 problem+json. */
    private static void judge(List<String> wrong, String operation, String caller, Access expected, Http.Response answer) {
        int status = answer.status();
        boolean ok = expected == Access.NO
                ? status == 403 && answer.problemType().equals("urn:shelters:problem:forbidden")
                : status != 401 && status != 403 && status < 500;
        if (!ok) {
            wrong.add(operation + " as " + caller + ": expected " + (expected == Access.NO ? "403" : "allowed") + ", got "
                    + status + " " + answer.text());
        }
    }

    /**
     * Calls {@code operation} on the shelter and agreement of the test. Commands carry an empty JSON
     * object and an {@code If-Match} no resource has, so an allowed one is refused after the security
     * chain and the scope check (400 or 409) and changes nothing.
     */
    private Http.Response call(Http client, String operation) {
        String[] parts = operation.split(" ", 2);
        String path = parts[1].replace("{shelterId}", shelterId).replace("{agreementId}", agreementId);
        if (path.contains("{")) {
            throw new AssertionError(operation + ": no real value for its path parameter; add one to this test");
        }
        if (parts[0].equals("GET")) {
            return client.get(path);
        }
        return client.send(parts[0], path, Map.of(), Map.of("If-Match", "\"999999\""));
    }

    private Set<String> documentedOperations() {
        Http.Response docs = http().anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        Set<String> operations = new TreeSet<>();
        JsonNode paths = docs.json().path("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                if (METHODS.contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        assertThat(operations).as("operations in /v3/api-docs").isNotEmpty();
        return operations;
    }

    /** The Markdown table: the header row names the roles (every {@link Role}, once), each further row an operation. */
    static Map<String, Map<Role, Access>> parse(String table) {
        List<List<String>> rows = table.lines().map(String::trim).filter(line -> line.startsWith("|"))
                .filter(line -> !line.startsWith("|---"))
                .map(line -> List.of(line.substring(1, line.length() - 1).split("\\|")).stream().map(String::trim).toList())
                .toList();
        List<Role> roles = rows.get(0).subList(1, rows.get(0).size()).stream().map(Role::valueOf).toList();
        assertThat(roles).as("the matrix's role columns").containsExactlyInAnyOrder(Role.values());
        Map<String, Map<Role, Access>> matrix = new LinkedHashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            assertThat(row).as("cells of %s", row.get(0)).hasSize(roles.size() + 1);
            Map<Role, Access> cells = new LinkedHashMap<>();
            for (int i = 0; i < roles.size(); i++) {
                cells.put(roles.get(i), Access.of(row.get(i + 1)));
            }
            assertThat(cells.get(Role.ADMIN)).as("ADMIN may call %s", row.get(0)).isEqualTo(Access.YES);
            assertThat(matrix.put(row.get(0), cells)).as("one row for %s", row.get(0)).isNull();
        }
        return matrix;
    }

    private static Set<String> difference(Set<String> left, Set<String> right) {
        Set<String> only = new TreeSet<>(left);
        only.removeAll(right);
        return only;
    }

    /** The table's rows with the white space inside them folded, so the README may align its columns. */
    private static String normalised(String text) {
        return text.lines().map(String::trim).filter(line -> line.startsWith("|"))
                .map(line -> line.replaceAll("\\s*\\|\\s*", "|").replaceAll("\\s+", " "))
                .collect(Collectors.joining("\n"));
    }
}

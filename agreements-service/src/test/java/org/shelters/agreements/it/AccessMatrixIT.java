package org.shelters.agreements.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shelters.platform.security.Role;
import org.shelters.testsupport.AccessMatrix;
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
 * names an operation the document no longer has ({@link AccessMatrix#assertCovers}).
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
            | GET /api/shelters/{shelterId}/arrivals | yes | no | own shelter | yes | no | no | yes |
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
        AccessMatrix matrix = matrix();
        matrix.assertCovers(document());

        String partner = ISSUER.partner("partner-" + UUID.randomUUID(), List.of(shelterId));
        String otherPartner = ISSUER.partner("partner-" + UUID.randomUUID(), List.of(otherShelterId));
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (String operation : matrix.operations()) {
            Http.Response anonymous = call(http().anonymous(), operation);
            calls++;
            if (anonymous.status() != 401 || !anonymous.problemType().equals("urn:shelters:problem:unauthenticated")) {
                wrong.add(operation + " without a token: " + anonymous.status() + " " + anonymous.text());
            }
            for (Role role : Role.values()) {
                Access access = Access.of(matrix.cell(operation, role.name()));
                String token = role == Role.SHELTER_PARTNER ? partner : ISSUER.token(role.name());
                Http.Response answer = call(http().withToken(token), operation);
                calls++;
                judge(wrong, operation, role.name(), access == Access.NO ? Access.NO : Access.YES, answer);
                if (access == Access.OWN_SHELTER && operation.contains("{")) {
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
        AccessMatrix.assertEveryOperationDocumentsRefusals(document());
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

    private JsonNode document() {
        Http.Response docs = http().anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        return docs.json();
    }

    /** {@link #MATRIX} read: a column for every {@link Role} and no other, every cell an {@link Access}, ADMIN yes everywhere. */
    static AccessMatrix matrix() {
        AccessMatrix matrix = AccessMatrix.parse(MATRIX, Arrays.stream(Role.values()).map(Role::name).toList(),
                Arrays.stream(Access.values()).map(access -> access.cell).toList());
        matrix.assertColumn(Role.ADMIN.name(), "yes");
        return matrix;
    }

    /** The table's rows with the white space inside them folded, so the README may align its columns. */
    private static String normalised(String text) {
        return text.lines().map(String::trim).filter(line -> line.startsWith("|"))
                .map(line -> line.replaceAll("\\s*\\|\\s*", "|").replaceAll("\\s+", " "))
                .collect(Collectors.joining("\n"));
    }
}

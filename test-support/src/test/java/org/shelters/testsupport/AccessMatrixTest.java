package org.shelters.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AccessMatrixTest {

    private static final String TABLE = """
            Some prose before the table.

            | operation                | OFFICER | PARTNER     | ADMIN |
            |--------------------------|:-------:|-------------|-------|
            | GET /api/things          | yes     | own shelter | yes   |
            | POST /api/things/{id}/close | no | no | yes |
            """;

    /** Two operations, 401 and 403 shared through components.responses, as the platform writes them. */
    private static final String DOCUMENT = """
            {"openapi": "3.1.0",
             "security": [{"bearer-jwt": []}, {"oauth2": []}],
             "paths": {
               "/api/things": {"parameters": [], "get": {"responses": {
                   "200": {"description": "the things"},
                   "401": {"$ref": "#/components/responses/Unauthenticated"},
                   "403": {"$ref": "#/components/responses/Forbidden"}}}},
               "/api/things/{id}/close": {"post": {"responses": {
                   "401": {"$ref": "#/components/responses/Unauthenticated"},
                   "403": {"description": "inline", "content": {"application/problem+json": {}}}}}}},
             "components": {
               "securitySchemes": {"bearer-jwt": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
               "responses": {
                 "Unauthenticated": {"description": "no token", "content": {"application/problem+json": {}}},
                 "Forbidden": {"description": "not allowed", "content": {"application/problem+json": {}}},
                 "Plain": {"description": "no body"}}}}
            """;

    @Test
    void parsesRolesOperationsAndCellsInTheTablesOrder() {
        AccessMatrix matrix = AccessMatrix.parse(TABLE);

        assertThat(matrix.roles()).containsExactly("OFFICER", "PARTNER", "ADMIN");
        assertThat(matrix.operations()).containsExactly("GET /api/things", "POST /api/things/{id}/close");
        assertThat(matrix.cell("GET /api/things", "PARTNER")).isEqualTo("own shelter");
        assertThat(matrix.cell("POST /api/things/{id}/close", "OFFICER")).isEqualTo("no");
        assertThatThrownBy(() -> matrix.cell("GET /api/else", "ADMIN")).hasMessageContaining("no row GET /api/else");
        assertThatThrownBy(() -> matrix.cell("GET /api/things", "DONOR")).hasMessageContaining("no column DONOR");
    }

    @Test
    void refusesTablesItCannotReadUnambiguously() {
        assertThatThrownBy(() -> AccessMatrix.parse("| operation | A |\n|---|---|\n| GET /x | yes | no |"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GET /x: 2 cells for 1 roles");
        assertThatThrownBy(() -> AccessMatrix.parse("| operation | A |\n| GET /x | yes |\n| GET /x | no |"))
                .hasMessageContaining("GET /x has two rows");
        assertThatThrownBy(() -> AccessMatrix.parse("| operation | A | A |\n| GET /x | yes | no |"))
                .hasMessageContaining("each role once");
        assertThatThrownBy(() -> AccessMatrix.parse("| operation | A |\n| get /x | yes |"))
                .hasMessageContaining("'get /x' is not an operation");
        assertThatThrownBy(() -> AccessMatrix.parse("| operation | A |\n|---|---|"))
                .hasMessageContaining("a row per operation");
    }

    @Test
    void checksTheVocabularyWhenGivenOne() {
        List<String> words = List.of("yes", "own shelter", "no");
        assertThat(AccessMatrix.parse(TABLE, List.of("ADMIN", "PARTNER", "OFFICER"), words).operations()).hasSize(2);
        assertThatThrownBy(() -> AccessMatrix.parse(TABLE, List.of("ADMIN", "PARTNER", "DONOR"), words))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing [DONOR], unknown [OFFICER]");
        assertThatThrownBy(() -> AccessMatrix.parse(TABLE, List.of("ADMIN", "PARTNER", "OFFICER"), List.of("yes", "no")))
                .hasMessageContaining("GET /api/things as PARTNER: 'own shelter' is none of [yes, no]");
    }

    @Test
    void aColumnThatMustSayOneThingEverywhereFailsNamingTheRowsThatDoNot() {
        AccessMatrix matrix = AccessMatrix.parse(TABLE);

        assertThatCode(() -> matrix.assertColumn("ADMIN", "yes")).doesNotThrowAnyException();
        assertThatThrownBy(() -> matrix.assertColumn("PARTNER", "yes")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /api/things: own shelter").hasMessageContaining("POST /api/things/{id}/close: no");
    }

    @Test
    void listsTheDocumentsOperationsWithUpperCaseMethodsAndPathTemplates() {
        assertThat(AccessMatrix.operations(json(DOCUMENT)))
                .containsExactly("GET /api/things", "POST /api/things/{id}/close");
    }

    @Test
    void coversTheDocumentWhenBothNameTheSameOperations() {
        assertThatCode(() -> AccessMatrix.parse(TABLE).assertCovers(json(DOCUMENT))).doesNotThrowAnyException();
    }

    @Test
    void anOperationTheTableDoesNotNameFailsNamingIt() {
        AccessMatrix matrix = AccessMatrix.parse("| operation | ADMIN |\n| GET /api/things | yes |");

        assertThatThrownBy(() -> matrix.assertCovers(json(DOCUMENT))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("in the document, not in the table")
                .hasMessageContaining("POST /api/things/{id}/close")
                .hasMessageNotContaining("in the table, not in the document");
    }

    @Test
    void aRowTheDocumentLacksFailsNamingIt() {
        AccessMatrix matrix = AccessMatrix.parse(TABLE + "| DELETE /api/things/{id} | no | no | yes |\n");

        assertThatThrownBy(() -> matrix.assertCovers(json(DOCUMENT))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("in the table, not in the document")
                .hasMessageContaining("DELETE /api/things/{id}")
                .hasMessageNotContaining("in the document, not in the table");
    }

    @Test
    void anEmptyDocumentDoesNotPass() {
        assertThatThrownBy(() -> AccessMatrix.parse(TABLE).assertCovers(json("{\"paths\": {}}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no operations");
    }

    @Test
    void refusalsSharedThroughComponentsResponsesAreFollowed() {
        assertThatCode(() -> AccessMatrix.assertEveryOperationDocumentsRefusals(json(DOCUMENT)))
                .doesNotThrowAnyException();
    }

    @Test
    void aRefThatLeadsToNoProblemJsonOrNowhereFailsNamingTheOperation() {
        String plain = DOCUMENT.replace("""
                "403": {"$ref": "#/components/responses/Forbidden"}""", """
                "403": {"$ref": "#/components/responses/Plain"}""");
        assertThatThrownBy(() -> AccessMatrix.assertEveryOperationDocumentsRefusals(json(plain)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /api/things 403: no application/problem+json content");

        String dangling = DOCUMENT.replace("#/components/responses/Unauthenticated", "#/components/responses/Gone");
        assertThatThrownBy(() -> AccessMatrix.assertEveryOperationDocumentsRefusals(json(dangling)))
                .hasMessageContaining("GET /api/things 401: $ref #/components/responses/Gone names no response")
                .hasMessageContaining("POST /api/things/{id}/close 401");
    }

    @Test
    void aMissingRefusalOrSchemeFails() {
        String no403 = DOCUMENT.replace("""
                "403": {"description": "inline", "content": {"application/problem+json": {}}}""", """
                "404": {"description": "not found"}""");
        assertThatThrownBy(() -> AccessMatrix.assertEveryOperationDocumentsRefusals(json(no403)))
                .hasMessageContaining("POST /api/things/{id}/close 403: not documented");

        String basic = DOCUMENT.replace("\"scheme\": \"bearer\"", "\"scheme\": \"basic\"");
        assertThatThrownBy(() -> AccessMatrix.assertEveryOperationDocumentsRefusals(json(basic)))
                .hasMessageContaining("components.securitySchemes.bearer-jwt is not");

        String unsecured = DOCUMENT.replace("{\"bearer-jwt\": []}, ", "");
        assertThatThrownBy(() -> AccessMatrix.assertEveryOperationDocumentsRefusals(json(unsecured)))
                .hasMessageContaining("top-level security does not name bearer-jwt");
    }

    private static JsonNode json(String text) {
        return JsonMapper.shared().readTree(text);
    }
}

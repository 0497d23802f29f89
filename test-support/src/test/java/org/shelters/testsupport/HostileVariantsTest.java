package org.shelters.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class HostileVariantsTest {

    private static final String DOCUMENT = """
            {"openapi": "3.1.0",
             "paths": {
               "/api/things": {"post": {"requestBody": {"required": true, "content": {"application/json":
                   {"schema": {"$ref": "#/components/schemas/Thing"}}}}}},
               "/api/things/{thingId}/close": {"post": {"parameters": [{"name": "thingId", "in": "path", "required": true}]}},
               "/api/things/{thingId}": {"get": {}}},
             "components": {"schemas": {
               "Thing": {"type": "object", "required": ["name"], "properties": {
                 "name": {"type": "string", "minLength": 1},
                 "count": {"type": "integer", "format": "int32"},
                 "on": {"type": "string", "format": "date"},
                 "kind": {"type": "string", "enum": ["BIG", "SMALL"]},
                 "parts": {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/Part"}}}},
               "Part": {"type": "object", "properties": {"weight": {"type": "number"}}}}}}
            """;

    private static List<MutatingOperations.Operation> operations() {
        return MutatingOperations.of(MutatingOperations.parse(DOCUMENT));
    }

    private static List<HostileRequest> variants(MutatingOperations.Operation operation, long seed) {
        JsonNode baseline = operation.hasBody() ? new BaselineBodies(Map.of()).of(operation.bodySchema()) : null;
        return HostileVariants.of(operation, baseline, Map.of("thingId", "t-1"), new Random(seed));
    }

    @Test
    void everyMutatingOperationIsFoundWithItsPathParametersAndResolvedBody() {
        assertThat(operations()).extracting(MutatingOperations.Operation::name)
                .containsExactly("POST /api/things", "POST /api/things/{thingId}/close");
        assertThat(operations().get(0).bodySchema().at("/properties/parts/items/properties/weight/type").asString())
                .isEqualTo("number");
        assertThat(operations().get(1).pathParameters()).containsExactly("thingId");
        assertThat(operations().get(1).hasBody()).isFalse();
    }

    @Test
    void fieldsGetWrongTypesExtremesAndRequiredBreachesDownIntoArrayItems() {
        List<String> names = variants(operations().get(0), 1).stream().map(HostileRequest::variant).toList();

        assertThat(names).contains("name removed (required)", "name = null", "name = text with \\u0000",
                "name = text of 20000 characters", "name = text shorter than minLength 1", "count = 1e9999999",
                "count = 2147483648", "count = number as text", "on = date 2026-02-30", "on = date +10000-01-01",
                "kind = unknown enum value", "kind = number",
                "parts = [] (minItems 1)", "parts[0] = null", "parts[0].weight = 1e-7000", "parts[0].weight = text",
                "malformed JSON: trailing garbage", "truncated JSON", "empty body", "JSON array instead of an object",
                "Content-Type text/plain with a JSON body", "Accept image/png", "body over 300 KB");
        // an optional field is never simply left out or nulled: that would be a valid request
        assertThat(names).doesNotContain("count removed (required)", "count = null");
    }

    @Test
    void anOperationWithoutABodyGetsHeaderAndPathVariantsOnlyOverARawSocketForThePaths() {
        List<HostileRequest> close = variants(operations().get(1), 1);

        assertThat(close).noneMatch(r -> r.variant().startsWith("malformed") || r.variant().contains(" = "));
        assertThat(close).filteredOn(r -> r.variant().startsWith("path")).extracting(HostileRequest::path)
                .contains("/api/things/probe%2Fid/close", "/api/things/%/close", "/api/things/probe%ZZid/close")
                .allMatch(path -> !path.contains("t-1"));
        assertThat(close).filteredOn(r -> r.variant().startsWith("path")).allMatch(HostileRequest::raw);
        assertThat(close).filteredOn(r -> r.variant().startsWith("Accept")).extracting(HostileRequest::path)
                .containsOnly("/api/things/t-1/close");
    }

    @Test
    void theSameSeedGeneratesTheSameRequests() {
        List<HostileRequest> first = variants(operations().get(0), 7);
        List<HostileRequest> again = variants(operations().get(0), 7);

        assertThat(again).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i).variant()).isEqualTo(first.get(i).variant());
            assertThat(Arrays.equals(again.get(i).body(), first.get(i).body())).as(first.get(i).variant()).isTrue();
        }
    }

    @Test
    void onlyAProblemDocumentWhoseStatusIsTheHttpStatusKeepsThePromise() {
        assertThat(HostileRequests.verdict(answer(400, "application/problem+json",
                "{\"type\":\"urn:x:invalid\",\"status\":400}"))).isNull();
        assertThat(HostileRequests.verdict(answer(404, "application/problem+json;charset=UTF-8",
                "{\"type\":\"urn:x:not-found\",\"status\":404}"))).isNull();
        assertThat(HostileRequests.verdict(answer(400, "application/problem+json", "{\"type\":\"urn:x\",\"status\":500}")))
                .isEqualTo(HostileReport.Kind.NOT_PROBLEM);
        assertThat(HostileRequests.verdict(answer(400, "text/html", "<html>bad</html>"))).isEqualTo(HostileReport.Kind.NOT_PROBLEM);
        assertThat(HostileRequests.verdict(answer(400, "application/problem+json", "not json")))
                .isEqualTo(HostileReport.Kind.NOT_PROBLEM);
        assertThat(HostileRequests.verdict(answer(-1, null, ""))).isEqualTo(HostileReport.Kind.NOT_PROBLEM);
        assertThat(HostileRequests.verdict(answer(201, "application/json", "{}"))).isEqualTo(HostileReport.Kind.SUCCESS);
        assertThat(HostileRequests.verdict(answer(503, "application/problem+json", "{\"type\":\"urn:x\",\"status\":503}")))
                .isEqualTo(HostileReport.Kind.SERVER_ERROR);
    }

    @Test
    void aChunkedRawAnswerIsReadWhole() throws Exception {
        byte[] raw = ("HTTP/1.1 400 \r\nContent-Type: application/problem+json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

        HostileTransport.Answer answer = HostileTransport.parse(raw);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    @Test
    void hostileTrafficGoesToTheLoopbackInterfaceOnly() {
        assertThatThrownBy(() -> HostileRequests.against("http://192.0.2.1:8080")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostileRequests.against("http://localhost:1").requests(HostileRequests.MAX_REQUESTS + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static HostileTransport.Answer answer(int status, String contentType, String body) {
        return new HostileTransport.Answer(status, contentType, body.getBytes(StandardCharsets.UTF_8), null);
    }
}

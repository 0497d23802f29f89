package org.shelters.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class WebPlumbingIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    PlumbingTestApplication.RecordingHandler handler;
    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    @Test
    void invalidInputIsAProblemDocumentNamingEachFieldAtFault() throws Exception {
        HttpResponse<String> response = post("/api/test-shelters", "{\"name\":\"\",\"state\":\"MX-OAX\",\"capacity\":0}", null);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("name", "capacity");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheFieldNotA500() throws Exception {
        HttpResponse<String> response = post("/api/test-shelters", "{\"name\":\"A\",\"state\":\"MX-OAX\",\"capacity\":\"many\"}", null);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("errors").get(0).path("field").asString()).isEqualTo("capacity");
    }

    @Test
    void anUnknownEnumValueNamesTheFieldAndTheAllowedValuesNeverAJavaType() throws Exception {
        HttpResponse<String> response = post("/api/test-shelters",
                "{\"name\":\"A\",\"state\":\"MX-OAX\",\"capacity\":5,\"corridor\":\"NOWHERE\"}", null);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).path("errors").get(0);
        assertThat(error.path("field").asString()).isEqualTo("corridor");
        assertThat(error.path("message").asString()).isEqualTo("must be one of SOUTHERN_BORDER, CENTRE, NORTHERN_BORDER");
        assertThat(response.body()).doesNotContain("org.shelters").doesNotContain("Cannot deserialize");
    }

    @Test
    void anUnexpectedFailureIsA500WithNoInternalDetailButATraceId() throws Exception {
        HttpResponse<String> response = post("/api/test-shelters/s-1/explode", "", null);

        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("urn:shelters:problem:internal");
        assertThat(problem.path("traceId").asString()).hasSize(32);
        assertThat(response.body()).doesNotContain("Secret").doesNotContain("pool").doesNotContain("IllegalState");
    }

    @Test
    void aRefusalFromAServiceIsRenderedByTheOneAdviceWithItsStableType() throws Exception {
        HttpResponse<String> response = post("/api/test-shelters/s-1/close", "", null);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("urn:shelters:problem:shelter-has-open-agreements");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("id");
    }

    @Test
    void unknownIdsAre404ProblemDocuments() throws Exception {
        HttpResponse<String> response = http.send(authorized(uri("/api/test-shelters/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(404);
    }

    @Test
    void aRepeatedRequestWithTheSameIdempotencyKeyReturnsTheFirstResultAndEmitsNoSecondEvent() throws Exception {
        String key = UUID.randomUUID().toString();
        String name = "Albergue " + key;
        String body = "{\"name\":\"" + name + "\",\"state\":\"MX-OAX\",\"capacity\":50}";
        HttpResponse<String> first = post("/api/test-shelters", body, key);
        HttpResponse<String> second = post("/api/test-shelters", body, key);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");

        String id = JSON.readTree(first.body()).path("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> handler.timesHandled(id) == 1);
        long registeredWithThatName = handler.handled.stream()
                .filter(e -> e.data() instanceof org.shelters.events.shelters.ShelterRegistered r && r.name().equals(name)).count();
        assertThat(registeredWithThatName).isEqualTo(1);

        HttpResponse<String> reused = post("/api/test-shelters", body.replace("50", "60"), key);
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
        assertThat(JSON.readTree(reused.body()).path("type").asString()).isEqualTo("urn:shelters:problem:idempotency-key-reused");
    }

    @Test
    void theSameJsonWithKeysInAnotherOrderAndOtherWhiteSpaceIsTheSameRequest() throws Exception {
        String key = UUID.randomUUID().toString();
        String name = "Canonical " + key;
        HttpResponse<String> first = post("/api/test-shelters", "{\"name\":\"" + name + "\",\"state\":\"MX-OAX\",\"capacity\":50}", key);
        HttpResponse<String> again = post("/api/test-shelters",
                "{\n  \"capacity\": 50,\n  \"state\": \"MX-OAX\",\n  \"name\": \"" + name + "\"\n}", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.body()).isEqualTo(first.body());
    }

    @Test
    void aCreateRunAgainAfterATakenOverClaimCannotCreateASecondAggregate() throws Exception {
        String key = UUID.randomUUID().toString();
        String name = "Once " + key;
        HttpResponse<String> first = post("/api/test-shelters", "{\"name\":\"" + name + "\",\"state\":\"MX-OAX\",\"capacity\":9}", key);
        assertThat(first.statusCode()).isEqualTo(201);
        // as if the first run had crashed after storing the shelter but before its answer was recorded
        mongo.getCollection("idempotency_keys").updateOne(new org.bson.Document("_id", org.shelters.testsupport.TestIssuer.subjectOf("ADMIN") + " POST /api/test-shelters " + key),
                new org.bson.Document("$set", new org.bson.Document("state", "IN_PROGRESS")
                        .append("claimedAt", java.util.Date.from(java.time.Instant.now().minusSeconds(600)))));

        HttpResponse<String> rerun = post("/api/test-shelters", "{\"name\":\"" + name + "\",\"state\":\"MX-OAX\",\"capacity\":9}", key);

        assertThat(rerun.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(rerun.body()).path("type").asString()).isEqualTo("urn:shelters:problem:already-exists");
        assertThat(rerun.body()).contains(JSON.readTree(first.body()).path("id").asString());
        assertThat(mongo.getCollection("shelters").countDocuments(new org.bson.Document("state.name", name))).isEqualTo(1);
    }

    @Test
    void anAnswerThatSaysRetryIsNotStoredAsTheKeysFinalAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        String path = "/api/test-shelters/conflict-once/" + key;

        assertThat(post(path, "", key).statusCode()).isEqualTo(409);
        HttpResponse<String> retried = post(path, "", key);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(post(path, "", key).headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void readinessIsMongoOnlyAndKafkaHasAGroupOfItsOwn() throws Exception {
        JsonNode readiness = JSON.readTree(http.send(authorized(uri("/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(readiness.path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").path("mongo").path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").has("kafka")).as("a Kafka outage must not take the service out of load balancing").isFalse();

        HttpResponse<String> messaging = http.send(authorized(uri("/actuator/health/messaging")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(messaging.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(messaging.body()).path("components").path("kafka").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusExposesTheOutboxAndConsumerMetrics() throws Exception {
        post("/api/test-shelters", "{\"name\":\"Metrics\",\"state\":\"MX-OAX\",\"capacity\":5}", null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = http.send(authorized(uri("/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("outbox_backlog_events", "outbox_oldest_pending_age_seconds",
                    "outbox_publish_latency_seconds_bucket", "outbox_published_total", "events_consumed_total");
        });
    }

    @Test
    void theScrapedMetricsPassPromtoolCheckMetrics() throws Exception {
        post("/api/test-shelters", "{\"name\":\"Lint\",\"state\":\"MX-OAX\",\"capacity\":5}", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> metrics().contains("outbox_published_total"));
        org.shelters.testsupport.PrometheusScrape.of(port).assertPassesPromtool();
    }

    private String metrics() throws Exception {
        return http.send(authorized(uri("/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aCommandWhoseAnswerCannotBeGivenIsRefusedWith406BeforeItRuns() throws Exception {
        String name = "Not acceptable " + UUID.randomUUID();
        for (String accept : java.util.List.of("application/xml", "text/html", "image/png", "text/csv")) {
            HttpResponse<String> response = http.send(authorized(uri("/api/test-shelters"))
                    .header("Content-Type", "application/json").header("Accept", accept)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"state\":\"MX-OAX\",\"capacity\":5}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(accept).isEqualTo(406);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
            assertThat(JSON.readTree(response.body()).path("type").asString()).isEqualTo("urn:shelters:problem:not-acceptable");
        }
        assertThat(mongo.getCollection("shelters").countDocuments(new org.bson.Document("state.name", name))).isZero();
    }

    @Test
    void aCommandBodyThatIsNotJsonIsRefusedWith415EvenIfItParsesAsJson() throws Exception {
        String name = "Yaml " + UUID.randomUUID();
        HttpResponse<String> response = http.send(authorized(uri("/api/test-shelters"))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"state\":\"MX-OAX\",\"capacity\":5}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(response.body()).path("type").asString()).isEqualTo("urn:shelters:problem:unsupported-media-type");
        assertThat(mongo.getCollection("shelters").countDocuments(new org.bson.Document("state.name", name))).isZero();
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        String huge = "x".repeat(300 * 1024);
        HttpResponse<String> response = post("/api/test-shelters", "{\"name\":\"" + huge + "\",\"state\":\"MX-OAX\",\"capacity\":5}", null);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).path("type").asString()).isEqualTo("urn:shelters:problem:body-too-large");
    }

    @Test
    void pathsTheContainerRefusesAreProblemDocumentsNotHtml() throws Exception {
        for (String path : java.util.List.of("/api/test-shelters/a%2Fb", "/api/test-shelters/a%5Cb", "/api/test-shelters/a%00b",
                "/api/test-shelters/a%ZZ", "/api/test-shelters/..%2F..%2Fetc", "/api/test-shelters/%",
                // refused by Spring Security's firewall before any chain runs
                "/api/test-shelters//a", "/api/test-shelters/a;jsessionid=1", "/api/test-shelters/%2e%2e/a")) {
            RawResponse response = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(response.status()).as(path).isBetween(400, 499);
            assertThat(response.contentType()).as(path).contains("application/problem+json");
            assertThat(JSON.readTree(response.body()).path("status").asInt()).as(path).isEqualTo(response.status());
            assertThat(response.body()).as(path).doesNotContain("Tomcat").doesNotContain("<html");
        }
    }

    @Test
    void numbersBeyondTheBoundsAreRefusedAtOnceNamingTheField() throws Exception {
        for (String budget : java.util.List.of("1e9999999", "1e999999999", "1e-7000", "1234567890123456789012345678901234567890",
                "0.00000001")) {
            long started = System.nanoTime();
            HttpResponse<String> response = post("/api/test-shelters",
                    "{\"name\":\"A\",\"state\":\"MX-OAX\",\"capacity\":5,\"budget\":" + budget + "}", null);

            assertThat(response.statusCode()).as(budget).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("errors").get(0).path("field").asString()).isEqualTo("budget");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as(budget).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void everyFieldOutOfBoundsIsNamedInOneAnswer() throws Exception {
        HttpResponse<String> response = post("/api/test-shelters", "{\"name\":\"\\u0007bell\",\"state\":\"MX-OAX\","
                + "\"capacity\":5,\"budget\":1e9999999,\"openedOn\":\"+10000-01-01\"}", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("name", "budget", "openedOn");
    }

    @Test
    void datesTheEventSchemasCannotStateAreRefusedNamingTheField() throws Exception {
        for (String date : java.util.List.of("-0001-01-01", "+10000-01-01", "10000-01-01", "0000-01-01", "2026-02-30", "2026-1-5")) {
            HttpResponse<String> response = post("/api/test-shelters",
                    "{\"name\":\"A\",\"state\":\"MX-OAX\",\"capacity\":5,\"openedOn\":\"" + date + "\"}", null);

            assertThat(response.statusCode()).as(date).isEqualTo(400);
            JsonNode error = JSON.readTree(response.body()).path("errors").get(0);
            assertThat(error.path("field").asString()).isEqualTo("openedOn");
            assertThat(error.path("message").asString()).contains("YYYY-MM-DD");
        }
    }

    @Test
    void aValueOfAnotherJsonTypeIsNeverCoercedIntoTheFieldsType() throws Exception {
        // each would otherwise be read as something the client did not write: the enum's first
        // constant, a number, true, a dispatch in January 1970
        java.util.Map<String, String> coercible = java.util.Map.of("corridor", "0", "capacity", "\"5\"", "demo", "1",
                "reviewedAt", "5");
        for (java.util.Map.Entry<String, String> coerced : coercible.entrySet()) {
            java.util.Map<String, String> fields = new java.util.LinkedHashMap<>(java.util.Map.of("name", "\"A\"",
                    "state", "\"MX-OAX\"", "capacity", "5"));
            fields.put(coerced.getKey(), coerced.getValue());
            String body = fields.entrySet().stream().map(f -> "\"" + f.getKey() + "\":" + f.getValue())
                    .collect(java.util.stream.Collectors.joining(",", "{", "}"));
            HttpResponse<String> response = post("/api/test-shelters", body, null);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            JsonNode error = JSON.readTree(response.body()).path("errors").get(0);
            assertThat(error.path("field").asString()).as(body).isEqualTo(coerced.getKey());
            assertThat(error.path("message").asString()).as(body).startsWith("must be");
        }
    }

    @Test
    void controlCharactersInTextAreRefusedNotStoredAsBlank() throws Exception {
        HttpResponse<String> response = post("/api/test-shelters", "{\"name\":\"\\u0000\",\"state\":\"MX-OAX\",\"capacity\":5}", null);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).path("errors").get(0);
        assertThat(error.path("field").asString()).isEqualTo("name");
        assertThat(error.path("message").asString()).contains("control characters");
    }

    @Test
    void aCommandWhoseEventWouldBreakItsSchemaIsRefusedAndNothingIsStored() throws Exception {
        String name = "N".repeat(501);
        HttpResponse<String> response = post("/api/test-shelters", "{\"name\":\"" + name + "\",\"state\":\"MX-OAX\",\"capacity\":5}", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("errors").findValuesAsString("field")).contains("name");
        assertThat(mongo.getCollection("shelters").countDocuments(new org.bson.Document("state.name", name))).isZero();
    }

    private record RawResponse(int status, String contentType, String body) {
    }

    /** Sends a request line as is: java.net.http refuses to build the malformed URIs this is about. */
    private RawResponse raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int headerEnd = answer.indexOf("\r\n\r\n");
            String head = answer.substring(0, headerEnd);
            String body = answer.substring(headerEnd + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                StringBuilder joined = new StringBuilder();
                int at = 0;
                while (true) {
                    int lineEnd = body.indexOf("\r\n", at);
                    int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    joined.append(body, lineEnd + 2, lineEnd + 2 + size);
                    at = lineEnd + 2 + size + 2;
                }
                body = joined.toString();
            }
            int status = Integer.parseInt(head.substring(9, 12));
            String contentType = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:")).findFirst().orElse("");
            return new RawResponse(status, contentType, body);
        }
    }

    private HttpResponse<String> post(String path, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = authorized(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Every call carries a real signed token (ADMIN) from the suite's issuer, checked by the real chain. */
    private static HttpRequest.Builder authorized(java.net.URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization",
                "Bearer " + org.shelters.testsupport.TestInfrastructure.issuer().token("ADMIN"));
    }
}

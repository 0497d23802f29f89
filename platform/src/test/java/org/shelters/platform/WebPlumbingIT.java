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
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/test-shelters/nope")).build(),
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
    void readinessIncludesKafkaAndMongoAndIsUp() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("kafka").path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("mongo").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusExposesTheOutboxAndConsumerMetrics() throws Exception {
        post("/api/test-shelters", "{\"name\":\"Metrics\",\"state\":\"MX-OAX\",\"capacity\":5}", null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build(),
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
        return http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> post(String path, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}

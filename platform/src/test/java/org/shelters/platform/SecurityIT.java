package org.shelters.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.shelters.testsupport.TestInfrastructure;
import org.shelters.testsupport.TestIssuer;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one security chain every service uses, through real HTTP with real RS256 tokens whose keys
 * the service fetches from the issuer's JWK set: who gets 401 and who 403 (both problem+json, saying
 * no more than a client can act on), the actor recorded on events, per-caller Idempotency-Keys, the
 * command rate limit, actuator access and the security headers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.rate-limit.burst=5", "platform.security.rate-limit.per-second=1"})
@WithRealInfrastructure
class SecurityIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TestIssuer ISSUER = TestInfrastructure.issuer();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    PlumbingTestApplication.RecordingHandler handler;

    @Test
    void withoutATokenEveryApiCallIs401ProblemJsonAndTheProbesStayOpen() throws Exception {
        HttpResponse<String> command = send(post("/api/test-shelters", shelter("Anonymous")));
        assertThat(command.statusCode()).isEqualTo(401);
        assertThat(command.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(JSON.readTree(command.body()).path("type").asString()).isEqualTo("urn:shelters:problem:unauthenticated");
        assertThat(command.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"shelters-platform\"");
        assertThat(send(get("/api/test-shelters/x")).statusCode()).isEqualTo(401);
        assertThat(send(get("/actuator/prometheus")).statusCode()).isEqualTo(401);

        assertThat(send(get("/actuator/health/liveness")).statusCode()).isEqualTo(200);
        assertThat(send(get("/actuator/health/readiness")).statusCode()).isEqualTo(200);
        HttpResponse<String> health = send(get("/actuator/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).has("components")).as("health details are for operations").isFalse();
        assertThat(send(get("/v3/api-docs")).statusCode()).isEqualTo(200);
    }

    @Test
    void everyTokenTheIssuerDidNotMakeForThisAudienceIsRefusedWithTheSame401() throws Exception {
        List<Function<String, String>> refused = List.of(ISSUER::expired, ISSUER::otherAudience, ISSUER::otherIssuer,
                ISSUER::forged, ISSUER::symmetric, ISSUER::unsigned, role -> "not-a-jwt", role -> ISSUER.token(role) + "x");
        List<String> bodies = new ArrayList<>();
        for (Function<String, String> token : refused) {
            HttpResponse<String> response = send(post("/api/test-shelters", shelter("Forged")).header("Authorization",
                    "Bearer " + token.apply("ADMIN")));
            assertThat(response.statusCode()).as("token %s", bodies.size()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValue("Bearer realm=\"shelters-platform\", error=\"invalid_token\"");
            bodies.add(response.body());
        }
        assertThat(bodies).as("no detail about why a token was refused").allMatch(b -> b.equals(bodies.get(0)));
        assertThat(JSON.readTree(bodies.get(0)).path("status").asInt()).isEqualTo(401);
        assertThat(mongo.getCollection("shelters").countDocuments(new Document("state.name", "Forged"))).isZero();
    }

    @Test
    void aRoleTheRulesDoNotNameIs403ProblemJsonAndAdminMayDoEverything() throws Exception {
        HttpResponse<String> analyst = send(post("/api/test-shelters/s-1/close", "").header("Authorization", bearer("ANALYST")));
        assertThat(analyst.statusCode()).isEqualTo(403);
        assertThat(analyst.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(JSON.readTree(analyst.body()).path("type").asString()).isEqualTo("urn:shelters:problem:forbidden");

        // the rule names PROGRAMME_OFFICER; the endpoint itself then refuses with its own 422
        assertThat(send(post("/api/test-shelters/s-1/close", "").header("Authorization", bearer("PROGRAMME_OFFICER")))
                .statusCode()).isEqualTo(422);
        assertThat(send(post("/api/test-shelters/s-1/close", "").header("Authorization", bearer("ADMIN")))
                .statusCode()).isEqualTo(422);
        // a path no rule names is denied to everyone, admin included
        assertThat(send(get("/internal/anything").header("Authorization", bearer("ADMIN"))).statusCode()).isEqualTo(403);
        // actuator beyond the probes is for operations
        assertThat(send(get("/actuator/prometheus").header("Authorization", bearer("ANALYST"))).statusCode()).isEqualTo(403);
        assertThat(send(get("/actuator/prometheus").header("Authorization", bearer("OPERATIONS"))).statusCode()).isEqualTo(200);
        HttpResponse<String> details = send(get("/actuator/health").header("Authorization", bearer("OPERATIONS")));
        assertThat(JSON.readTree(details.body()).has("components")).isTrue();
    }

    @Test
    void everyEventRecordsTheCallersSubjectAndRoleAndNothingElseAboutThem() throws Exception {
        String name = "Actor " + UUID.randomUUID();
        HttpResponse<String> created = send(post("/api/test-shelters", shelter(name)).header("Authorization", bearer("PROGRAMME_OFFICER")));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asString();
        // the event as it came back through Kafka to the service's own consumer
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> handler.timesHandled(id) > 0);
        var event = handler.handled.stream().filter(e -> e.subject().equals(id)).findFirst().orElseThrow();
        assertThat(event.actorid()).isEqualTo(TestIssuer.subjectOf("PROGRAMME_OFFICER"));
        assertThat(event.actorrole()).isEqualTo("PROGRAMME_OFFICER");
    }

    @Test
    void anIdempotencyKeyIsTheCallersOwnAnotherCallerNeverGetsItsAnswer() throws Exception {
        String key = "shared-key-" + UUID.randomUUID();
        String body = shelter("Keyed " + key);
        HttpResponse<String> first = send(post("/api/test-shelters", body).header("Authorization", bearer("PROGRAMME_OFFICER"))
                .header("Idempotency-Key", key));
        assertThat(first.statusCode()).isEqualTo(201);
        HttpResponse<String> replay = send(post("/api/test-shelters", body).header("Authorization", bearer("PROGRAMME_OFFICER"))
                .header("Idempotency-Key", key));
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        HttpResponse<String> other = send(post("/api/test-shelters", body).header("Authorization", bearer("OPERATIONS"))
                .header("Idempotency-Key", key));
        assertThat(other.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(other.body()).isNotEqualTo(first.body());
    }

    @Test
    void commandsBeyondACallersShareAre429WithRetryAfterAndOtherCallersCarryOn() throws Exception {
        String flooder = ISSUER.token(UUID.randomUUID().toString(), List.of("PROGRAMME_OFFICER"), null);
        int accepted = 0;
        HttpResponse<String> limited = null;
        for (int i = 0; i < 12 && limited == null; i++) {
            HttpResponse<String> response = send(post("/api/test-shelters/s-1/close", "").header("Authorization", "Bearer " + flooder));
            if (response.statusCode() == 429) {
                limited = response;
            } else {
                accepted++;
            }
        }
        assertThat(limited).as("the sixth command within a second is over a burst of 5").isNotNull();
        assertThat(accepted).isBetween(5, 7);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
        assertThat(JSON.readTree(limited.body()).path("type").asString()).isEqualTo("urn:shelters:problem:rate-limited");
        // reads are not commands, and another caller has a bucket of its own
        assertThat(send(get("/api/test-shelters/none").header("Authorization", "Bearer " + flooder)).statusCode()).isEqualTo(404);
        String other = ISSUER.token(UUID.randomUUID().toString(), List.of("PROGRAMME_OFFICER"), null);
        assertThat(send(post("/api/test-shelters/s-1/close", "").header("Authorization", "Bearer " + other)).statusCode()).isEqualTo(422);
    }

    @Test
    void answersCarrySecurityHeadersAndNoCorsUnlessConfigured() throws Exception {
        HttpResponse<String> response = send(get("/api/test-shelters/none").header("Authorization", bearer("ANALYST"))
                .header("Origin", "https://evil.example"));
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> {
            assertThat(csp).contains("frame-ancestors 'none'").contains("script-src 'self'");
            assertThat(csp).doesNotContain("script-src 'self' 'unsafe-inline'");
            // Swagger UI exchanges its sign-in code at the issuer's token endpoint: the one other origin
            assertThat(csp).contains("connect-src 'self' " + ISSUER.issuer());
        });
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/api/test-shelters"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theApiDocumentSaysHowToSignInAndSwaggerUiUsesPkceAsThePublicDevelopmentClient() throws Exception {
        var document = JSON.readTree(send(get("/v3/api-docs")).body());
        var oauth = document.path("components").path("securitySchemes").path("oauth2").path("flows").path("authorizationCode");
        assertThat(oauth.path("authorizationUrl").asString()).isEqualTo(ISSUER.issuer() + "/oauth2/authorize");
        assertThat(oauth.path("tokenUrl").asString()).isEqualTo(ISSUER.issuer() + "/oauth2/token");
        assertThat(document.path("components").path("securitySchemes").path("bearer-jwt").path("bearerFormat").asString())
                .isEqualTo("JWT");
        var close = document.path("paths").path("/api/test-shelters/{id}/close").path("post");
        assertThat(close.path("x-roles").toString()).isEqualTo("[\"ADMIN\",\"PROGRAMME_OFFICER\"]");
        assertThat(close.path("responses").has("401")).isTrue();
        assertThat(close.path("responses").has("403")).isTrue();
        var swagger = JSON.readTree(send(get("/v3/api-docs/swagger-config")).body());
        assertThat(swagger.toString()).contains("oauth2RedirectUrl");
        HttpResponse<String> init = send(get("/swagger-ui/swagger-initializer.js"));
        assertThat(init.statusCode()).isEqualTo(200);
        assertThat(init.body()).contains("shelters-dev").contains("usePkceWithAuthorizationCodeGrant");
    }

    private String bearer(String role) {
        return "Bearer " + ISSUER.token(role);
    }

    private static String shelter(String name) {
        return "{\"name\":\"" + name + "\",\"state\":\"MX-OAX\",\"capacity\":10}";
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}

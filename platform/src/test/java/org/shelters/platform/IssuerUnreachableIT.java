package org.shelters.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.shelters.testsupport.TestInfrastructure;
import org.shelters.testsupport.TestIssuer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service starts while the identity provider is away (keys are fetched when the first token
 * arrives); while the keys cannot be fetched a call with a token is 503 problem+json with
 * Retry-After (our outage, not the caller's fault), and once the provider is back the same kind of
 * token is accepted without a restart. The JWK set is served here through a switch in front of the
 * suite's issuer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = IssuerUnreachableIT.FlakyIssuer.class)
class IssuerUnreachableIT {

    static final AtomicBoolean UP = new AtomicBoolean(false);
    static final HttpServer KEYS = keys();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static HttpServer keys() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/oauth2/jwks", exchange -> {
                if (!UP.get()) {
                    exchange.sendResponseHeaders(503, -1);
                    exchange.close();
                    return;
                }
                byte[] body;
                try {
                    body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(TestInfrastructure.issuer().jwkSetUri()))
                            .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.IOException(e);
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static class FlakyIssuer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestInfrastructure infra = TestInfrastructure.get();
            Map<String, Object> properties = new HashMap<>();
            properties.put("spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers());
            properties.put("spring.mongodb.uri", infra.mongoUri() + "/issuer_down");
            properties.put("spring.mongodb.database", "issuer_down_" + UUID.randomUUID().toString().substring(0, 8));
            properties.put("platform.consumer.group-id", "issuer-down-" + UUID.randomUUID());
            properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestInfrastructure.issuer().issuer());
            properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                    "http://127.0.0.1:" + KEYS.getAddress().getPort() + "/oauth2/jwks");
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("flakyIssuer", properties));
        }
    }

    @LocalServerPort
    int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        KEYS.stop(0);
    }

    @Test
    void startsWithoutTheIssuerAnswers503WhileItIsAwayAndAcceptsTokensOnceItIsBack() throws Exception {
        TestIssuer issuer = TestInfrastructure.issuer();
        HttpResponse<String> away = get("/api/test-shelters/none", issuer.token("ANALYST"));
        assertThat(away.statusCode()).isEqualTo(503);
        assertThat(away.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(JSON.readTree(away.body()).path("type").asString()).isEqualTo("urn:shelters:problem:issuer-unavailable");
        assertThat(get("/actuator/health/readiness", null).statusCode()).as("probes need no issuer").isEqualTo(200);

        UP.set(true);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(40)).untilAsserted(() ->
                assertThat(get("/api/test-shelters/none", issuer.token("ANALYST")).statusCode()).isEqualTo(404));
        assertThat(get("/api/test-shelters/none", issuer.forged("ANALYST")).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package org.shelters.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.shelters.testsupport.MongoWireServer;
import org.shelters.testsupport.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A store outage is the service's problem, not the client's fault and not a crash: while the
 * store cannot be reached, commands answer 503 problem+json with Retry-After (with and without an
 * Idempotency-Key), and nothing half-done is left behind. This context has a store of its own so
 * the test can take it away.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = StoreOutageIT.OwnStore.class)
class StoreOutageIT {

    static final MongoWireServer STORE = MongoWireServer.inMemory().bindRandomPort();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static class OwnStore implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ownStore", Map.of(
                    "spring.kafka.bootstrap-servers", TestInfrastructure.get().kafkaBootstrapServers(),
                    "spring.mongodb.uri", STORE.connectionString() + "/outage?serverSelectionTimeoutMS=1500&connectTimeoutMS=1000",
                    "spring.mongodb.database", "outage",
                    "platform.consumer.group-id", "outage-" + UUID.randomUUID())));
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("issuer",
                    TestInfrastructure.issuer().resourceServerProperties()));
        }
    }

    @LocalServerPort
    int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void closeStore() {
        STORE.close();
    }

    @Test
    void whileTheStoreIsUnreachableCommandsAnswer503WithRetryAfter() throws Exception {
        assertThat(register(null).statusCode()).isEqualTo(201);

        STORE.close();

        for (String key : new String[] {null, UUID.randomUUID().toString()}) {
            HttpResponse<String> response = register(key);
            assertThat(response.statusCode()).as("Idempotency-Key " + key).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("type").asString()).isEqualTo("urn:shelters:problem:store-unavailable");
        }
    }

    private HttpResponse<String> register(String idempotencyKey) throws Exception {
        HttpRequest.Builder request = authorized(URI.create("http://localhost:" + port + "/api/test-shelters"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Outage\",\"state\":\"MX-OAX\",\"capacity\":5}"));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every call carries a real signed token (ADMIN) from the suite's issuer, checked by the real chain. */
    private static HttpRequest.Builder authorized(java.net.URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization",
                "Bearer " + org.shelters.testsupport.TestInfrastructure.issuer().token("ADMIN"));
    }
}

package org.shelters.agreements.it;

import java.util.List;
import org.shelters.testsupport.TestInfrastructure;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole service on the real infrastructure (Kafka broker + Mongo wire server). Every IT
 * extends this, so they all share one cached Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@TestPropertySource(properties = {"agreements.expiry.enabled=false", "agreements.metrics.refresh-interval=1s"})
public abstract class IntegrationTest {

    @LocalServerPort
    int port;

    protected Http http() {
        return new Http(port);
    }

    protected String register(String name, String state, String corridor, int capacity) {
        Http.Response response = http().post("/api/shelters", Fixtures.shelter(name, state, corridor, capacity));
        if (response.status() != 201) {
            throw new AssertionError("registration failed: " + response.status() + " " + response.text());
        }
        return response.json().get("shelterId").asString();
    }

    protected String draft(String shelterId, String phase) {
        Http.Response response = http().post("/api/agreements", Fixtures.draft(shelterId, phase));
        if (response.status() != 201) {
            throw new AssertionError("draft failed: " + response.status() + " " + response.text());
        }
        return response.json().get("agreementId").asString();
    }

    protected static List<JsonNode> events(String topic, String key, int count) {
        return PublishedEvents.awaitEvents(TestInfrastructure.get().kafkaBootstrapServers(), topic, key, count);
    }
}

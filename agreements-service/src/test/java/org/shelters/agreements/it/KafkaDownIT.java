package org.shelters.agreements.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.shelters.testsupport.StandaloneKafka;
import org.shelters.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A command accepted while Kafka is down is published once it is back. Runs against a broker of
 * its own (fixed ports, log on disk under target/) that the test really stops and starts again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KafkaDownIT {

    static final StandaloneKafka KAFKA = new StandaloneKafka(freePort(), freePort(),
            Path.of("target", "kafka-down-" + UUID.randomUUID()), 3).start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("spring.mongodb.uri", () -> TestInfrastructure.get().mongoUri() + "/agreements_kafka_down");
        registry.add("spring.mongodb.database", () -> "agreements_kafka_down");
        registry.add("platform.outbox.send-timeout", () -> "2s");
        registry.add("spring.kafka.producer.properties.max.block.ms", () -> "2000");
        registry.add("spring.kafka.producer.properties.request.timeout.ms", () -> "2000");
        registry.add("spring.kafka.producer.properties.delivery.timeout.ms", () -> "4000");
        registry.add("agreements.expiry.enabled", () -> "false");
        // not a @WithRealInfrastructure context: point it at the suite's token issuer itself
        TestInfrastructure.issuer().resourceServerProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void stopBroker() {
        KAFKA.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;

    @Test
    void whileKafkaIsDownTheServiceStaysReadyAcceptsACommandAndPublishesItWhenKafkaIsBack() {
        assertThat(readiness()).isEqualTo(200);
        assertThat(messaging()).isEqualTo(200);
        KAFKA.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> messaging() == 503);
        assertThat(readiness()).as("the outbox accepts commands: stay in load balancing").isEqualTo(200);
        assertThat(new Http(port).anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);

        Http.Response accepted = new Http(port).post("/api/shelters",
                Fixtures.shelter("Albergue Demo Piedras Negras", "MX-COA", "NORTHERN_BORDER", 90));
        assertThat(accepted.status()).isEqualTo(201);
        String id = accepted.json().get("shelterId").asString();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> pendingEvents(id) == 1);

        KAFKA.start();

        List<JsonNode> events = PublishedEvents.awaitEvents(KAFKA.bootstrapServers(), "shelters.v1", id, 1);
        assertThat(PublishedEvents.types(events)).containsExactly("ShelterRegistered");
        assertThat(events.get(0).get("sequence").asLong()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> pendingEvents(id) == 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> messaging() == 200);
    }

    /** Readiness is the store only: a Kafka outage must not take the service out of load balancing. Open to probes. */
    private int readiness() {
        return new Http(port).anonymous().get("/actuator/health/readiness").status();
    }

    /** Kafka's own health group: DOWN (503) while the broker is gone, UP again on its own. For operations. */
    private int messaging() {
        return new Http(port).as("OPERATIONS").get("/actuator/health/messaging").status();
    }

    private int pendingEvents(String shelterId) {
        Document document = mongo.getCollection("shelters").find(Filters.eq("_id", shelterId)).first();
        return document == null ? -1 : document.getList("outbox", Document.class, List.of()).size();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

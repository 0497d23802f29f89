package org.shelters.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventJson;
import org.shelters.events.EventMetadata;
import org.shelters.events.Events;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterRegistered;
import org.shelters.testsupport.MongoWireServer;
import org.shelters.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * A store outage longer than the consumer's retries is not a poison record: the consumer keeps
 * retrying the same records until the store is back and then applies them, and dead-letters none
 * of them (before, Spring's batch fallback dead-lettered every record of the poll).
 */
@SpringBootTest
@ContextConfiguration(initializers = ConsumerStoreOutageIT.OwnStore.class)
class ConsumerStoreOutageIT {

    static final int STORE_PORT = freePort();
    static volatile MongoWireServer store = MongoWireServer.inMemory().bind("localhost", STORE_PORT);

    static class OwnStore implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ownStore", Map.of(
                    "spring.kafka.bootstrap-servers", TestInfrastructure.get().kafkaBootstrapServers(),
                    "spring.mongodb.uri", "mongodb://localhost:" + STORE_PORT
                            + "/consumer_outage?serverSelectionTimeoutMS=1000&connectTimeoutMS=500",
                    "spring.mongodb.database", "consumer_outage",
                    "platform.consumer.group-id", "consumer-outage-" + UUID.randomUUID())));
        }
    }

    @Autowired
    PlumbingTestApplication.RecordingHandler handler;

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @Test
    void recordsThatArriveWhileTheStoreIsDownAreAppliedWhenItIsBackAndNoneIsDeadLettered() throws Exception {
        String warmUp = "shelter-" + UUID.randomUUID();
        publish(warmUp);
        await().atMost(Duration.ofSeconds(90)).until(() -> handler.timesHandled(warmUp) == 1);

        store.close();
        List<String> during = List.of("shelter-" + UUID.randomUUID(), "shelter-" + UUID.randomUUID(), "shelter-" + UUID.randomUUID());
        for (String id : during) {
            publish(id);
        }
        // far longer than max-retries x backoff (2 x 100 ms in this module's test configuration)
        Thread.sleep(6_000);
        assertThat(during).allSatisfy(id -> assertThat(handler.timesHandled(id)).isZero());

        store = MongoWireServer.inMemory().bind("localhost", STORE_PORT);

        await().atMost(Duration.ofSeconds(60)).until(() -> during.stream().allMatch(id -> handler.timesHandled(id) == 1));
        assertThat(deadLetteredKeys()).doesNotContainAnyElementsOf(during);
    }

    private static void publish(String shelterId) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("shelters.v1", shelterId, EventJson.DEFAULT.write(Events.envelope("/other-service",
                    new ShelterRegistered(shelterId, "Albergue " + shelterId, "MX-OAX", "Ixtepec", Corridor.SOUTHERN_BORDER,
                            40, List.of(), true), 1, EventMetadata.none(), Instant.now(), Instant.now())))).get();
        }
    }

    private static List<String> deadLetteredKeys() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("shelters.v1-dlt").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> keys = new java.util.ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
            }
            return keys;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

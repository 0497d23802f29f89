package org.shelters.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventJson;
import org.shelters.events.EventMetadata;
import org.shelters.events.Events;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterRegistered;
import org.shelters.platform.outbox.OutboxRelay;
import org.shelters.testsupport.TestInfrastructure;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Two relay instances on one collection, as two instances of a service run them: every event is
 * published exactly once, and when the instance holding the collection dies the other takes over
 * within seconds and publishes what was left, in order.
 */
@SpringBootTest
@WithRealInfrastructure
class RelayLeasesIT {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    KafkaTemplate<String, byte[]> outboxKafkaTemplate;

    @Test
    void twoRelaysShareACollectionWithoutPublishingTwiceAndTheSurvivorTakesOver() throws Exception {
        String collection = "leased_" + UUID.randomUUID().toString().replace("-", "");
        OutboxRelay first = relay(collection);
        OutboxRelay second = relay(collection);
        first.start();
        second.start();
        try {
            List<String> keys = insertPending(collection, 40);
            await().atMost(Duration.ofSeconds(30)).until(() -> published(keys).size() == keys.size());
            Thread.sleep(1_500);
            assertThat(published(keys)).as("each event exactly once").allSatisfy((key, times) -> assertThat(times).isEqualTo(1));

            // the holder dies right after renewing its lease: no graceful hand-over
            Document lease = mongo.getCollection("outbox_leases").find(new Document("_id", collection)).first();
            assertThat(lease).isNotNull();
            first.stop();
            second.stop();
            mongo.getCollection("outbox_leases").replaceOne(new Document("_id", collection),
                    new Document("_id", collection).append("holder", "a-dead-instance").append("claimedAt", new Date()));
            OutboxRelay survivor = relay(collection);
            survivor.start();
            try {
                List<String> more = insertPending(collection, 10);
                long started = System.nanoTime();
                await().atMost(Duration.ofSeconds(30)).until(() -> published(more).size() == more.size());
                Duration takeover = Duration.ofNanos(System.nanoTime() - started);
                assertThat(takeover).as("taken over within seconds").isLessThan(Duration.ofSeconds(15));
                assertThat(published(more)).allSatisfy((key, times) -> assertThat(times).isEqualTo(1));
            } finally {
                survivor.stop();
            }
        } finally {
            first.stop();
            second.stop();
        }
    }

    private OutboxRelay relay(String collection) {
        return new OutboxRelay(mongo, outboxKafkaTemplate, List.of(collection), Duration.ofMillis(200), Duration.ofSeconds(5),
                200, 10, Clock.systemUTC(), new SimpleMeterRegistry());
    }

    /** Aggregate documents with one pending ShelterRegistered each, written past the store as another instance would. */
    private List<String> insertPending(String collection, int count) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = "leased-shelter-" + UUID.randomUUID();
            EventEnvelope<ShelterRegistered> event = Events.envelope("/plumbing-test", new ShelterRegistered(key, "Albergue " + i,
                    "MX-OAX", "Ixtepec", Corridor.SOUTHERN_BORDER, 10, List.of(), true), 1, EventMetadata.none(),
                    Instant.now(), Instant.now());
            mongo.getCollection(collection).insertOne(new Document("_id", key).append("version", 1L).append("sequence", 1L)
                    .append("state", new Document("name", "Albergue " + i)).append("updatedAt", new Date())
                    .append("outbox", List.of(new Document("eventId", event.id().toString()).append("topic", "shelters.v1")
                            .append("key", key).append("type", "ShelterRegistered").append("recordedAt", new Date())
                            .append("payload", EventJson.DEFAULT.writeAsString(event)))));
            keys.add(key);
        }
        return keys;
    }

    /** How many records shelters.v1 holds for each of {@code keys} (only keys seen at least once). */
    private static Map<String, Integer> published(List<String> keys) {
        Map<String, Integer> times = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("shelters.v1").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 10_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (keys.contains(r.key())) {
                        times.merge(r.key(), 1, Integer::sum);
                    }
                });
            }
        }
        return times;
    }
}

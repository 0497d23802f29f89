package org.shelters.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventMetadata;
import org.shelters.events.Events;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterProfileUpdated;
import org.shelters.events.shelters.ShelterRegistered;
import org.shelters.platform.consumer.DeadLetterEndpoint;
import org.shelters.platform.consumer.DeadLetterRedrive;
import org.shelters.platform.outbox.AggregateStore;
import org.shelters.platform.outbox.ConcurrentUpdateException;
import org.shelters.platform.outbox.Stored;
import org.shelters.testsupport.TestInfrastructure;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import org.shelters.events.EventJson;
import org.shelters.events.EventEnvelope;
import org.shelters.events.Events;
import org.shelters.events.Upcaster;

@SpringBootTest
@WithRealInfrastructure
class OutboxAndConsumerIT {

    record ShelterState(String name, String state, int capacity) {
    }

    @Autowired
    AggregateStore store;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    PlumbingTestApplication.RecordingHandler handler;
    @Autowired
    MeterRegistry meters;
    @Autowired
    EventJson eventJson;
    @Autowired
    DeadLetterEndpoint deadLetterEndpoint;
    @Autowired
    org.shelters.platform.outbox.OutboxEndpoint outboxEndpoint;
    @Autowired
    Upcaster exampleUpcaster;

    @Test
    void anEventKafkaRefusesIsParkedAndHoldsBackNoOtherAggregate() {
        String bad = "shelter-too-large-" + UUID.randomUUID();
        EventEnvelope<ShelterRegistered> huge = Events.envelope("/plumbing-test", new ShelterRegistered(bad, "Huge",
                "MX-OAX", "M".repeat(1_200_000), Corridor.SOUTHERN_BORDER, 10, List.of(), true), 1,
                org.shelters.events.EventMetadata.none(), java.time.Instant.now(), java.time.Instant.now());
        // written past the aggregate store (which would refuse it): stands for an event the broker refuses
        mongo.getCollection("shelters").insertOne(new org.bson.Document("_id", bad).append("version", 1L)
                .append("sequence", 1L).append("state", new org.bson.Document("name", "Huge"))
                .append("updatedAt", new java.util.Date(0))
                .append("outbox", List.of(new org.bson.Document("eventId", huge.id().toString())
                        .append("topic", "shelters.v1").append("key", bad).append("type", "ShelterRegistered")
                        .append("recordedAt", new java.util.Date()).append("payload", EventJson.DEFAULT.writeAsString(huge)))));
        String good = "shelter-" + UUID.randomUUID();
        store.create("shelters", good, new ShelterState("Good", "MX-OAX", 10), List.of(registered(good)));

        await().atMost(Duration.ofSeconds(15)).until(() -> handler.timesHandled(good) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(mongo.getCollection("shelters")
                .find(new org.bson.Document("_id", bad)).first().get("outboxParked")));
        String other = "shelter-" + UUID.randomUUID();
        store.create("shelters", other, new ShelterState("After", "MX-OAX", 10), List.of(registered(other)));
        await().atMost(Duration.ofSeconds(15)).until(() -> handler.timesHandled(other) == 1);
        assertThat(handler.timesHandled(good)).as("published once, not on every pass").isEqualTo(1);
        assertThat(pendingIn("shelters", bad)).as("parked events stay, in order, for an operator").isEqualTo(1);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> parked = (List<Map<String, Object>>) outboxEndpoint.parked().get("parked");
        assertThat(parked).anySatisfy(entry -> {
            assertThat(entry.get("id")).isEqualTo(bad);
            assertThat(String.valueOf(entry.get("lastError"))).contains("RecordTooLarge");
        });
        assertThat(outboxEndpoint.decide("shelters", bad, "drop").get("outcome")).isEqualTo("dropped-first-and-retrying");
        assertThat(pendingIn("shelters", bad)).isZero();
        assertThat(mongo.getCollection("shelters").find(new org.bson.Document("_id", bad)).first().get("outboxParked")).isNull();
    }

    @Test
    void upcasterBeansAreWiredIntoTheOneEventReader() {
        assertThat(eventJson.upcasters()).containsExactly(exampleUpcaster);
    }

    @Test
    void thePlumbingCreatesThePendingOutboxIndexOnEveryAggregateCollection() {
        String id = "shelter-" + UUID.randomUUID();
        store.create("shelters", id, new ShelterState("Indexed", "MX-OAX", 10), List.of(registered(id)));

        List<String> indexes = mongo.getCollection("shelters").listIndexes().map(index -> index.getString("name"))
                .into(new java.util.ArrayList<>());
        assertThat(indexes).contains("outbox_pending");
    }

    @Test
    void aStateChangeAndItsEventAreStoredTogetherAndTheEventIsPublishedThenRemovedFromTheOutbox() {
        String id = "shelter-" + UUID.randomUUID();
        store.create("shelters", id, new ShelterState("Hermanos en el Camino", "MX-OAX", 80),
                List.of(registered(id)));

        await().atMost(Duration.ofSeconds(20)).until(() -> handler.timesHandled(id) == 1);
        var event = handler.handled.stream().filter(e -> e.subject().equals(id)).findFirst().orElseThrow();
        assertThat(event.sequence()).isEqualTo(1);
        assertThat(event.source().toString()).isEqualTo("/plumbing-test");
        assertThat(event.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingIn("shelters", id) == 0);
    }

    @Test
    void eventsOfOneAggregateArePublishedInOrderWithIncreasingSequence() {
        String id = "shelter-" + UUID.randomUUID();
        Stored<ShelterState> stored = store.create("shelters", id, new ShelterState("A", "MX-CHP", 10), List.of(registered(id)));
        for (int capacity = 11; capacity <= 15; capacity++) {
            stored = store.update("shelters", stored, new ShelterState("A", "MX-CHP", capacity),
                    List.of(new ShelterProfileUpdated(id, "A", "MX-CHP", "Tapachula", Corridor.SOUTHERN_BORDER, capacity, List.of())));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> handler.timesHandled(id) == 6);
        List<Long> sequences = handler.handled.stream().filter(e -> e.subject().equals(id)).map(e -> e.sequence()).toList();
        assertThat(sequences).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(store.get("shelters", id, ShelterState.class).state().capacity()).isEqualTo(15);
    }

    @Test
    void aWriteBasedOnAStaleVersionIsRefusedAndWritesNoEvent() {
        String id = "shelter-" + UUID.randomUUID();
        Stored<ShelterState> first = store.create("shelters", id, new ShelterState("B", "MX-SON", 10), List.of(registered(id)));
        store.update("shelters", first, new ShelterState("B", "MX-SON", 20), List.of());
        assertThatThrownBy(() -> store.update("shelters", first, new ShelterState("B", "MX-SON", 30),
                List.of(new ShelterProfileUpdated(id, "B", "MX-SON", "Nogales", Corridor.NORTHERN_BORDER, 30, List.of()))))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(store.get("shelters", id, ShelterState.class).state().capacity()).isEqualTo(20);
        await().atMost(Duration.ofSeconds(20)).until(() -> handler.timesHandled(id) == 1);
    }

    @Test
    void aDuplicateDeliveryOfTheSameEventChangesNothing() throws Exception {
        String id = "shelter-" + UUID.randomUUID();
        var envelope = Events.envelope("/other-service", registered(id), 1, EventMetadata.none(),
                java.time.Instant.now(), java.time.Instant.now());
        byte[] bytes = EventJson.DEFAULT.write(envelope);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>("shelters.v1", id, bytes)).get();
            producer.send(new ProducerRecord<>("shelters.v1", id, bytes)).get();
            String marker = "shelter-" + UUID.randomUUID();
            producer.send(new ProducerRecord<>("shelters.v1", id, EventJson.DEFAULT.write(Events.envelope("/other-service",
                    registered(marker), 1, EventMetadata.none(), java.time.Instant.now(), java.time.Instant.now())))).get();
            await().atMost(Duration.ofSeconds(20)).until(() -> handler.timesHandled(marker) == 1);
        }
        assertThat(handler.timesHandled(id)).isEqualTo(1);
        assertThat(meters.counter("events.consumed", "topic", "shelters.v1", "type", "ShelterRegistered", "outcome", "duplicate")
                .count()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsOriginalBytesAndTheNextRecordIsStillProcessed() throws Exception {
        String key = "shelter-" + UUID.randomUUID();
        String next = "shelter-" + UUID.randomUUID();
        byte[] garbage = ("not an event " + key).getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>("shelters.v1", key, garbage)).get();
            producer.send(new ProducerRecord<>("shelters.v1", key, EventJson.DEFAULT.write(Events.envelope("/other-service",
                    registered(next), 1, EventMetadata.none(), java.time.Instant.now(), java.time.Instant.now())))).get();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> handler.timesHandled(next) == 1);
        ConsumerRecord<String, byte[]> dead = awaitRecord("shelters.v1-dlt", key);
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8))
                .isNotBlank();
    }

    @Test
    void anEventThatKeepsFailingIsRetriedABoundedNumberOfTimesThenDeadLetteredWhileLaterRecordsFlow() throws Exception {
        String failing = "shelter-" + UUID.randomUUID();
        String later = "shelter-" + UUID.randomUUID();
        handler.alwaysFailFor = failing;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            byte[] bad = EventJson.DEFAULT.write(Events.envelope("/other-service", registered(failing), 1,
                    EventMetadata.none(), java.time.Instant.now(), java.time.Instant.now()));
            producer.send(new ProducerRecord<>("shelters.v1", failing, bad)).get();
            producer.send(new ProducerRecord<>("shelters.v1", failing, EventJson.DEFAULT.write(Events.envelope("/other-service",
                    registered(later), 1, EventMetadata.none(), java.time.Instant.now(), java.time.Instant.now())))).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> handler.timesHandled(later) == 1);
            ConsumerRecord<String, byte[]> dead = awaitRecord("shelters.v1-dlt", failing);
            assertThat(dead.value()).isEqualTo(bad);
        } finally {
            handler.alwaysFailFor = null;
        }
        assertThat(handler.timesHandled(failing)).isZero();
    }

    @Test
    void theReDriveAppliesThisServicesDeadLettersOnceAndASecondRunDoesNothing() throws Exception {
        String failing = "shelter-" + UUID.randomUUID();
        handler.alwaysFailFor = failing;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>("shelters.v1", failing, EventJson.DEFAULT.write(Events.envelope("/other-service",
                    registered(failing), 1, EventMetadata.none(), java.time.Instant.now(), java.time.Instant.now())))).get();
            awaitRecord("shelters.v1-dlt", failing);
            await().atMost(Duration.ofSeconds(10)).until(() -> deadLetterEndpoint.pending().toString().contains(failing));
        } finally {
            handler.alwaysFailFor = null;
        }

        DeadLetterRedrive.Outcome first = deadLetterEndpoint.redrive();
        DeadLetterRedrive.Outcome second = deadLetterEndpoint.redrive();

        assertThat(first.redriven()).isGreaterThanOrEqualTo(1);
        assertThat(handler.timesHandled(failing)).isEqualTo(1);
        assertThat(second.redriven()).isZero();
        assertThat(handler.timesHandled(failing)).isEqualTo(1);
        assertThat(deadLetterEndpoint.pending().toString()).doesNotContain(failing);
    }

    @Test
    void aDeadLetteredEventReplayedFromTheDltIsAppliedOnceEvenAfterLaterEventsOfItsAggregate() throws Exception {
        String id = "shelter-" + UUID.randomUUID();
        byte[] first = EventJson.DEFAULT.write(Events.envelope("/other-service", registered(id), 1,
                EventMetadata.none(), java.time.Instant.now(), java.time.Instant.now()));
        byte[] second = EventJson.DEFAULT.write(Events.envelope("/other-service",
                new ShelterProfileUpdated(id, "Albergue", "MX-OAX", "Ixtepec", Corridor.SOUTHERN_BORDER, 90, List.of()), 2,
                EventMetadata.none(), java.time.Instant.now(), java.time.Instant.now()));
        handler.alwaysFailFor = id;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>("shelters.v1", id, first)).get();
            assertThat(awaitRecord("shelters.v1-dlt", id).value()).isEqualTo(first);
            handler.alwaysFailFor = null;
            producer.send(new ProducerRecord<>("shelters.v1", id, second)).get();
            await().atMost(Duration.ofSeconds(20)).until(() -> handler.timesHandled(id) == 1);

            producer.send(new ProducerRecord<>("shelters.v1", id, first)).get(); // an operator replays the dead letter
            await().atMost(Duration.ofSeconds(20)).until(() -> handler.timesHandled(id) == 2);
            producer.send(new ProducerRecord<>("shelters.v1", id, first)).get(); // and replays it once too often
            producer.send(new ProducerRecord<>("shelters.v1", id, second)).get();
            String marker = "shelter-" + UUID.randomUUID();
            producer.send(new ProducerRecord<>("shelters.v1", id, EventJson.DEFAULT.write(Events.envelope("/other-service",
                    registered(marker), 1, EventMetadata.none(), java.time.Instant.now(), java.time.Instant.now())))).get();
            await().atMost(Duration.ofSeconds(20)).until(() -> handler.timesHandled(marker) == 1);
        } finally {
            handler.alwaysFailFor = null;
        }
        assertThat(handler.handled.stream().filter(e -> e.subject().equals(id)).map(e -> e.type()).toList())
                .containsExactly("ShelterProfileUpdated", "ShelterRegistered");
    }

    private long pendingIn(String collection, String id) {
        Document document = mongo.getCollection(collection).find(Filters.eq("_id", id)).first();
        return document == null ? -1 : document.getList("outbox", Document.class).size();
    }

    private static ShelterRegistered registered(String id) {
        return new ShelterRegistered(id, "Albergue " + id, "MX-OAX", "Ixtepec", Corridor.SOUTHERN_BORDER, 80, List.of(), true);
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(String topic, String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }
}

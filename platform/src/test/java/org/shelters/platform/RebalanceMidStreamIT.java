package org.shelters.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventJson;
import org.shelters.events.EventMetadata;
import org.shelters.events.Events;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterEvent;
import org.shelters.events.shelters.ShelterProfileUpdated;
import org.shelters.events.shelters.ShelterRegistered;
import org.shelters.testsupport.TestInfrastructure;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Two instances of a service in one consumer group while events keep arriving: a second instance
 * joins in the middle of the stream (the partitions are rebalanced while batches are being
 * applied) and later leaves again. Every event is handled exactly once across the two instances:
 * none lost, none handed to a handler twice.
 */
@SpringBootTest
@WithRealInfrastructure
class RebalanceMidStreamIT {

    private static final int AGGREGATES = 40;
    private static final int EVENTS_PER_AGGREGATE = 30;

    @Autowired
    Environment environment;
    @Autowired
    PlumbingTestApplication.RecordingHandler first;
    @Autowired
    MeterRegistry meters;

    @Test
    void theGroupRebalancesCooperatively() throws Exception {
        String group = environment.getProperty("platform.consumer.group-id");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !admin.describeConsumerGroups(List.of(group)).all().get()
                    .get(group).members().isEmpty());
            // what the broker says the group agreed on: the cooperative sticky assignor
            assertThat(admin.describeConsumerGroups(List.of(group)).all().get().get(group).partitionAssignor())
                    .isEqualTo(new CooperativeStickyAssignor().name());
        }
    }

    @Test
    void aSecondInstanceJoiningAndLeavingMidStreamLosesAndDoublesNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = Stream.iterate(0, i -> i + 1).limit(AGGREGATES).map(i -> "rebalance-" + run + "-" + i).toList();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            // a third of the stream with one instance
            send(producer, ids, 1, EVENTS_PER_AGGREGATE / 3);
            ConfigurableApplicationContext second = secondInstance();
            PlumbingTestApplication.RecordingHandler other = second.getBean(PlumbingTestApplication.RecordingHandler.class);
            try {
                // the second third once the group has rebalanced onto two instances (the first keeps
                // consuming its other partitions meanwhile)
                ConcurrentMessageListenerContainer<?, ?> joined = second.getBean(ConcurrentMessageListenerContainer.class);
                await().atMost(Duration.ofSeconds(60)).until(() -> !joined.getAssignedPartitions().isEmpty());
                send(producer, ids, EVENTS_PER_AGGREGATE / 3 + 1, 2 * EVENTS_PER_AGGREGATE / 3);
                await().atMost(Duration.ofSeconds(60)).until(() -> !handledBy(other, run).isEmpty());
            } finally {
                // the last third while the second instance leaves (its partitions move back)
                Thread leaving = new Thread(second::close, "second-instance-leaves");
                leaving.start();
                send(producer, ids, 2 * EVENTS_PER_AGGREGATE / 3 + 1, EVENTS_PER_AGGREGATE);
                leaving.join();
            }
            int expected = AGGREGATES * EVENTS_PER_AGGREGATE;
            await().atMost(Duration.ofSeconds(60)).until(() -> distinct(first, other, run) == expected);
            Thread.sleep(1_000);

            Map<String, Integer> times = new HashMap<>();
            Stream.concat(handledBy(first, run).stream(), handledBy(other, run).stream())
                    .forEach(e -> times.merge(e.subject() + "#" + e.sequence(), 1, Integer::sum));
            long lost = expected - times.size();
            long doubled = times.values().stream().filter(n -> n > 1).count();
            double skipped = meters.find("events.consumed").tag("outcome", "duplicate").counters().stream()
                    .mapToDouble(c -> c.count()).sum();
            System.out.printf("[rebalance] events=%d firstInstance=%d secondInstance=%d lost=%d double=%d "
                            + "duplicatesSkipped=%.0f%n", expected, handledBy(first, run).size(), handledBy(other, run).size(),
                    lost, doubled, skipped);
            assertThat(handledBy(other, run)).as("the second instance took part").isNotEmpty();
            assertThat(lost).as("events lost").isZero();
            assertThat(doubled).as("events handed to a handler twice").isZero();
            // per aggregate, in order: each handler saw its share of an aggregate's events in sequence order
            for (PlumbingTestApplication.RecordingHandler handler : List.of(first, other)) {
                Map<String, Long> last = new HashMap<>();
                for (EventEnvelope<ShelterEvent> e : handledBy(handler, run)) {
                    Long previous = last.put(e.subject(), e.sequence());
                    assertThat(previous == null || previous < e.sequence()).as("order of %s", e.subject()).isTrue();
                }
            }
        }
    }

    private ConfigurableApplicationContext secondInstance() {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.get().kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + environment.getProperty("spring.mongodb.uri"),
                "--spring.mongodb.database=" + environment.getProperty("spring.mongodb.database"),
                "--platform.consumer.group-id=" + environment.getProperty("platform.consumer.group-id")));
        arguments.addAll(List.of(TestInfrastructure.issuer().resourceServerArguments()));
        return new SpringApplicationBuilder(PlumbingTestApplication.class).run(arguments.toArray(String[]::new));
    }

    private static List<EventEnvelope<ShelterEvent>> handledBy(PlumbingTestApplication.RecordingHandler handler, String run) {
        return handler.handled.stream().filter(e -> e.subject().startsWith("rebalance-" + run + "-")).toList();
    }

    private static long distinct(PlumbingTestApplication.RecordingHandler a, PlumbingTestApplication.RecordingHandler b,
                                 String run) {
        return Stream.concat(handledBy(a, run).stream(), handledBy(b, run).stream())
                .map(e -> e.subject() + "#" + e.sequence()).distinct().count();
    }

    /** Sequences {@code from..to} of every aggregate, interleaved, a little at a time like a live stream. */
    private static void send(KafkaProducer<String, byte[]> producer, List<String> ids, int from, int to) throws Exception {
        for (int sequence = from; sequence <= to; sequence++) {
            for (String id : ids) {
                ShelterEvent event = sequence == 1
                        ? new ShelterRegistered(id, "Albergue " + id, "MX-OAX", "Ixtepec", Corridor.SOUTHERN_BORDER, 10,
                        List.of(), true)
                        : new ShelterProfileUpdated(id, "Albergue " + id, "MX-OAX", "Ixtepec", Corridor.SOUTHERN_BORDER,
                        10 + sequence, List.of());
                EventEnvelope<ShelterEvent> envelope = Events.envelope("/plumbing-test", event, sequence,
                        EventMetadata.none(), Instant.now(), Instant.now());
                producer.send(new ProducerRecord<>("shelters.v1", id,
                        EventJson.DEFAULT.writeAsString(envelope).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
            Thread.sleep(30);
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
    }
}

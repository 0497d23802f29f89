package org.shelters.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shelters.reporting.Programme.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventEnvelope;
import org.shelters.events.Topic;
import org.shelters.events.Topics;
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.agreements.AgreementSigned;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.platform.consumer.EventHandler;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.agreements.AgreementFold;
import org.shelters.reporting.projection.Generations;
import org.shelters.reporting.projection.ProjectionStore;
import org.shelters.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An AgreementSigned that the platform really dead-lettered (a handler failed on it until the
 * retries ran out), replayed from {@code agreements.v1-dlt} after a later event of the agreement
 * was applied: the reports show the agreement signed, with its figures.
 */
@TestPropertySource(properties = "platform.consumer.max-retries=1")
@Import(LateEventIT.PoisonedHandler.class)
class LateEventIT extends ReportingIT {

    /** Runs before the projection handler and fails on one chosen event, as a handler bug would, until disarmed. */
    @TestConfiguration
    static class PoisonedHandler {

        static final AtomicReference<UUID> POISONED = new AtomicReference<>();
        static final AtomicInteger FAILURES = new AtomicInteger();

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        EventHandler<AgreementEvent> failsOnThePoisonedEvent() {
            return new EventHandler<>() {
                @Override
                public Topic<AgreementEvent> topic() {
                    return Topics.AGREEMENTS;
                }

                @Override
                public void handle(EventEnvelope<AgreementEvent> event) {
                    if (event.id().equals(POISONED.get())) {
                        FAILURES.incrementAndGet();
                        throw new IllegalStateException("test handler refuses " + event.id());
                    }
                }
            };
        }
    }

    @Autowired
    ProjectionStore store;

    @Autowired
    Generations generations;

    @Test
    void aSignatureReplayedFromTheDeadLetterTopicAfterALaterEventSignsTheAgreementInEveryReport() {
        String shelterId = id("shelter");
        String agreementId = id("agreement");
        String shipmentId = id("shipment");
        String donor = id("donor");
        LocalDate today = today();
        Instant dispatchedAt = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        var agreedTerms = terms(today.minusDays(10), today.plusDays(200), "9000",
                line("L1", SupplyCategory.MEDICINES, "100"), line("L2", SupplyCategory.HYGIENE_PRODUCTS, "40"));

        programme.send(delivered(shipmentId, agreementId, shelterId, dispatchedAt, dispatchedAt.plus(20, ChronoUnit.HOURS),
                deliveredLine("S1", "L1", SupplyCategory.MEDICINES, "30", "30", "0", null)));
        programme.send(drafted(agreementId, shelterId, donor, "PHASE-3", agreedTerms));
        EventEnvelope<AgreementSigned> signed = programme.envelope(signed(agreementId, shelterId, donor, "PHASE-3", agreedTerms));
        assertThat(signed.sequence()).isEqualTo(2);
        PoisonedHandler.POISONED.set(signed.id());
        programme.send(signed);
        programme.flush();

        byte[] deadLetter = await().atMost(Duration.ofSeconds(30)).until(() -> deadLetter("agreements.v1-dlt", signed.id()),
                bytes -> bytes != null);
        assertThat(PoisonedHandler.FAILURES.get()).as("tried, retried, then dead-lettered").isGreaterThanOrEqualTo(2);
        // the handler is fixed; the agreement goes on meanwhile
        PoisonedHandler.POISONED.set(null);
        programme.send(training(agreementId, shelterId, TrainingTopic.MIGRANT_RIGHTS, today.minusDays(1), 6, 4));
        programme.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> agreementDoc(agreementId) != null
                && agreementDoc(agreementId).trainings.size() == 1);
        assertThat(agreementDoc(agreementId).status).as("the signature never reached the projection").isEqualTo("DRAFT");
        assertThat(agreementDoc(agreementId).seq).isEqualTo(3);

        // the re-drive: the dead letter's exact bytes back onto the topic
        programme.sendRaw("agreements.v1", agreementId, deadLetter);
        programme.flush();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                get("/api/reports/agreements/" + agreementId + "/fulfilment").get("data").get("status").asString())
                .isEqualTo("SIGNED"));
        JsonNode fulfilment = get("/api/reports/agreements/" + agreementId + "/fulfilment").get("data");
        assertThat(fulfilment.get("donor").asString()).isEqualTo(donor);
        assertThat(fulfilment.get("originalBudget").decimalValue()).isEqualByComparingTo("9000");
        assertThat(fulfilment.get("budget").decimalValue()).isEqualByComparingTo("9000");
        JsonNode l1 = fulfilment.get("lines").get(0);
        assertThat(l1.get("committed").decimalValue()).isEqualByComparingTo("100");
        assertThat(l1.get("accepted").decimalValue()).isEqualByComparingTo("30");
        assertThat(l1.get("outstanding").decimalValue()).isEqualByComparingTo("70");
        assertThat(fulfilment.get("fulfilmentPercent").decimalValue()).as("(30 % + 0 %) / 2 lines")
                .isEqualByComparingTo("15.0");
        assertThat(fulfilment.get("fulfilmentMethod").asString()).isEqualTo("MEAN_OF_LINES");

        JsonNode totals = get("/api/reports/programme?groupBy=donor&donor=" + donor).get("data").get("totals");
        assertThat(totals.get("agreements").asInt()).as("a signed agreement counts in the programme").isEqualTo(1);
        assertThat(totals.get("shelters").asInt()).isEqualTo(1);
        assertThat(totals.get("budgets").get(0).get("amount").decimalValue()).isEqualByComparingTo("9000");
        assertThat(totals.get("quantities").get(0).get("committed").decimalValue()).isEqualByComparingTo("140");
        assertThat(totals.get("quantities").get(0).get("accepted").decimalValue()).isEqualByComparingTo("30");
        assertThat(totals.get("fulfilmentPercent").decimalValue()).isEqualByComparingTo("15.0");
        assertThat(totals.get("trainingSessions").asInt()).as("the session applied before the late event stays, once")
                .isEqualTo(1);
        assertThat(totals.get("trainingParticipants").asInt()).isEqualTo(10);

        JsonNode shelter = get("/api/reports/shelters/" + shelterId).get("data");
        assertThat(shelter.get("currentAgreement").get("status").asString()).isEqualTo("SIGNED");
        assertThat(agreementDoc(agreementId).seq).isEqualTo(3);

        // a rebuild reads the topic in order (the original signature, then the re-driven copy): the same document
        int live = generations.active();
        assertThat(request("POST", "/api/reports/rebuild").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).until(() -> !"RUNNING".equals(get("/api/reports/rebuild").get("state").asString()));
        assertThat(get("/api/reports/rebuild").get("state").asString()).isEqualTo("DONE");
        assertThat(rawAgreement(agreementId, generations.active())).isNotNull().isEqualTo(rawAgreement(agreementId, live));
        assertThat(get("/api/reports/agreements/" + agreementId + "/fulfilment").get("data")).isEqualTo(fulfilment);
    }

    private org.bson.Document rawAgreement(String agreementId, int generation) {
        return store.rawSortedById(AgreementFold.AGREEMENTS, generation).stream()
                .filter(d -> agreementId.equals(d.get("_id"))).findFirst().orElse(null);
    }

    private AgreementDoc agreementDoc(String agreementId) {
        return store.load(AgreementFold.AGREEMENTS, generations.active(), List.of(agreementId)).get(agreementId);
    }

    /** The value of the record of {@code topic} that carries event {@code id}, or null while there is none. */
    private static byte[] deadLetter(String topic, UUID id) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(5))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            if (partitions.isEmpty()) {
                return null;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            String needle = id.toString();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && new String(record.value(), StandardCharsets.UTF_8).contains(needle)) {
                        return record.value();
                    }
                }
            }
            return null;
        }
    }
}

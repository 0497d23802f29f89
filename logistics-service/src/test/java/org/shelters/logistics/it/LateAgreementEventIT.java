package org.shelters.logistics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shelters.logistics.it.LogisticsHarness.envelope;
import static org.shelters.logistics.it.LogisticsHarness.line;
import static org.shelters.logistics.it.LogisticsHarness.plan;
import static org.shelters.logistics.it.LogisticsHarness.publish;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventEnvelope;
import org.shelters.events.Topic;
import org.shelters.events.Topics;
import org.shelters.events.agreements.AgreementDrafted;
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.agreements.AgreementTerminated;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingSessionDelivered;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.platform.consumer.EventHandler;
import org.shelters.testsupport.TestInfrastructure;
import org.shelters.testsupport.WithRealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.JsonNode;

/**
 * An agreement event that the platform really dead-letters (a handler keeps failing on it), that
 * later events of its agreement overtake, and that an operator re-drives from {@code agreements.v1-dlt}:
 * the replica must apply it late, once, without bending what the later events set.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "platform.consumer.max-retries=1", "platform.consumer.initial-backoff=50ms", "platform.consumer.max-backoff=100ms"})
@WithRealInfrastructure
class LateAgreementEventIT extends RunningLogistics {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    FailOnDemand failing;

    @AfterEach
    void stopFailing() {
        failing.stop();
    }

    @Test
    void aSigningDeadLetteredAndReDrivenAfterALaterEventSignsTheAgreementWithTheSignedTerms() throws Exception {
        publish(envelope(drafted(), 1));
        api.awaitReplica(agreementId, 1);

        EventEnvelope<AgreementEvent> signing = envelope(LogisticsHarness.signed(agreementId, shelterId), 2);
        failing.failFor(signing.id());
        publish(signing);
        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter();
        failing.stop();

        publish(envelope(training(), 3));
        api.awaitReplica(agreementId, 3);
        assertThat(outstanding().get("status").asString()).as("the signing is still missing").isEqualTo("DRAFT");

        reDrive(deadLetter);

        await().atMost(PATIENCE).until(() -> outstanding().get("status").asString().equals("SIGNED"));
        JsonNode replica = outstanding();
        assertThat(replica.get("sequence").asLong()).isEqualTo(3);
        assertThat(replica.get("lines")).extracting(l -> l.get("commitmentLineId").asString())
                .containsExactly("C-MED", "C-SUP", "C-EQP", "C-HYG", "C-CON");
        assertThat(replica.get("lines").get(3).get("committed").decimalValue()).isEqualByComparingTo("300");
        LogisticsHarness.Response planned = api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-HYG", 10))));
        assertThat(planned.status()).as(planned.body().toString()).isEqualTo(201);
    }

    @Test
    void aTerminationDeadLetteredAndReDrivenAfterALaterEventStillCancelsThePlannedShipments() throws Exception {
        api.signAndAwait(agreementId, shelterId);
        String planned = api.post("/api/shipments", plan(agreementId, shelterId, List.of(line("C-HYG", 10))))
                .body().get("shipmentId").asString();

        EventEnvelope<AgreementEvent> termination = envelope(new AgreementTerminated(agreementId, shelterId, "closed"), 2);
        failing.failFor(termination.id());
        publish(termination);
        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter();
        failing.stop();
        publish(envelope(training(), 3));
        api.awaitReplica(agreementId, 3);
        assertThat(api.get("/api/shipments/" + planned).body().get("status").asString()).isEqualTo("PLANNED");

        reDrive(deadLetter);

        await().atMost(PATIENCE).until(() ->
                api.get("/api/shipments/" + planned).body().get("status").asString().equals("CANCELLED"));
        assertThat(outstanding().get("status").asString()).isEqualTo("TERMINATED");
        assertThat(api.get("/api/shipments/" + planned).body().get("cancelledAutomatically").asBoolean()).isTrue();
    }

    // ------------------------------------------------------------------ helpers

    /** A draft with one small line, so the signed terms (five lines) are told apart from it. */
    private AgreementDrafted drafted() {
        return new AgreementDrafted(agreementId, shelterId, "MX-SHELTERS-2026", "ECHO", "phase 2", 2026,
                LogisticsHarness.terms(List.of(new CommitmentLine("C-HYG", SupplyCategory.HYGIENE_PRODUCTS, "HYGIENE-KIT",
                        "Family hygiene kit", new BigDecimal("5"), "kit"))));
    }

    private TrainingSessionDelivered training() {
        return new TrainingSessionDelivered(agreementId, shelterId, "ts-" + UUID.randomUUID(), TrainingTopic.MIGRANT_RIGHTS,
                LocalDate.now(), 6, 5);
    }

    private JsonNode outstanding() throws Exception {
        return api.get("/api/agreements/" + agreementId + "/outstanding").body();
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter() {
        await().atMost(PATIENCE).until(() -> !LogisticsHarness.readAll("agreements.v1-dlt", agreementId).isEmpty());
        List<ConsumerRecord<String, byte[]>> deadLetters = LogisticsHarness.readAll("agreements.v1-dlt", agreementId);
        assertThat(deadLetters).hasSize(1);
        return deadLetters.get(0);
    }

    /** What an operator's re-drive does: the dead letter's key and exact bytes back onto the topic. */
    private static void reDrive(ConsumerRecord<String, byte[]> deadLetter) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("agreements.v1", deadLetter.key(), deadLetter.value())).get();
        }
    }

    /**
     * Runs before the real handler and fails the chosen events until told to stop, so the platform
     * retries them, gives up and dead-letters them as it would for a real outage of a dependency.
     */
    static final class FailOnDemand implements EventHandler<AgreementEvent> {

        private final Set<UUID> failing = ConcurrentHashMap.newKeySet();

        void failFor(UUID eventId) {
            failing.add(eventId);
        }

        void stop() {
            failing.clear();
        }

        @Override
        public Topic<AgreementEvent> topic() {
            return Topics.AGREEMENTS;
        }

        @Override
        public void handle(EventEnvelope<AgreementEvent> event) {
            if (failing.contains(event.id())) {
                throw new IllegalStateException("injected failure for " + event.type() + " " + event.id());
            }
        }
    }

    @TestConfiguration
    static class FailingFirst {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        FailOnDemand failOnDemand() {
            return new FailOnDemand();
        }
    }
}

package org.shelters.logistics.it;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventJson;
import org.shelters.events.EventMetadata;
import org.shelters.events.Events;
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.agreements.AgreementSigned;
import org.shelters.events.agreements.AgreementTerms;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.Money;
import org.shelters.events.agreements.Period;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.testsupport.TestInfrastructure;
import org.shelters.testsupport.TestIssuer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw Kafka and HTTP clients for the integration tests: no application code on the test side.
 * Every HTTP call carries a real RS256 token of the suite's issuer ({@link TestInfrastructure#issuer()}),
 * checked by the service's real filter chain: ADMIN by default, another caller with {@link #as},
 * {@link #withToken} or {@link #anonymous}. Tokens are signed per request, so none expires in a long run.
 */
final class LogisticsHarness {

    static final JsonMapper JSON = EventJson.mapper();
    static final TestIssuer ISSUER = TestInfrastructure.issuer();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Response(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }
    }

    private final int port;
    /** The bearer token of each request; null sends none. */
    private final Supplier<String> token;

    /** As ADMIN, who may call every operation: what the tests that are not about access use. */
    LogisticsHarness(int port) {
        this(port, () -> ISSUER.token("ADMIN"));
    }

    private LogisticsHarness(int port, Supplier<String> token) {
        this.port = port;
        this.token = token;
    }

    /** The same service, called by someone holding {@code role} (e.g. {@code ANALYST}, a stable subject per role). */
    LogisticsHarness as(String role) {
        return new LogisticsHarness(port, () -> ISSUER.token(role));
    }

    /** The same service, called with the tokens {@code token} makes (e.g. a shelter partner's). */
    LogisticsHarness withToken(Supplier<String> token) {
        return new LogisticsHarness(port, token);
    }

    /** The same service, called without any token. */
    LogisticsHarness anonymous() {
        return new LogisticsHarness(port, () -> null);
    }

    // ------------------------------------------------------------------ agreements.v1 (as agreements-service would)

    static List<CommitmentLine> fiveCategories() {
        return List.of(
                new CommitmentLine("C-MED", SupplyCategory.MEDICINES, "PARACETAMOL-500", "Paracetamol 500 mg", new BigDecimal("1000"), "box"),
                new CommitmentLine("C-SUP", SupplyCategory.MEDICAL_SUPPLIES, "GAUZE-10", "Gauze 10x10", new BigDecimal("500"), "pack"),
                new CommitmentLine("C-EQP", SupplyCategory.MEDICAL_EQUIPMENT, "BP-MONITOR", "Blood pressure monitor", new BigDecimal("4"), "unit"),
                new CommitmentLine("C-HYG", SupplyCategory.HYGIENE_PRODUCTS, "HYGIENE-KIT", "Family hygiene kit", new BigDecimal("300"), "kit"),
                new CommitmentLine("C-CON", SupplyCategory.CONSTRUCTION_MATERIALS, "CEMENT-50KG", "Cement 50 kg", new BigDecimal("80"), "bag"));
    }

    static AgreementTerms terms(List<CommitmentLine> lines) {
        return new AgreementTerms(new Period(LocalDate.now().minusMonths(1), LocalDate.now().plusMonths(11)),
                new Money(new BigDecimal("85000.00"), "USD"), lines, List.of(), List.of());
    }

    static AgreementSigned signed(String agreementId, String shelterId) {
        return new AgreementSigned(agreementId, shelterId, "MX-SHELTERS-2026", "ECHO", "phase 2", 2026, LocalDate.now(),
                terms(fiveCategories()));
    }

    static EventEnvelope<AgreementEvent> envelope(AgreementEvent event, long sequence) {
        Instant now = Instant.now();
        return Events.envelope("/agreements-service", event, sequence, EventMetadata.none(), now, now);
    }

    static void publish(EventEnvelope<?>... envelopes) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (EventEnvelope<?> envelope : envelopes) {
                producer.send(new ProducerRecord<>("agreements.v1", envelope.subject(), EventJson.DEFAULT.write(envelope))).get();
            }
        }
    }

    /** Publishes AgreementSigned (sequence 1) and waits until logistics' replica has it. */
    EventEnvelope<AgreementEvent> signAndAwait(String agreementId, String shelterId) throws Exception {
        EventEnvelope<AgreementEvent> signed = envelope(signed(agreementId, shelterId), 1);
        publish(signed);
        awaitReplica(agreementId, 1);
        return signed;
    }

    void awaitReplica(String agreementId, long sequence) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response r = get("/api/agreements/" + agreementId + "/outstanding");
            return r.status() == 200 && r.body().get("sequence").asLong() >= sequence;
        });
    }

    // ------------------------------------------------------------------ logistics.v1 (as a downstream consumer would)

    /** Every logistics.v1 record with this key, waiting until at least {@code atLeast} arrived. */
    static List<ConsumerRecord<String, byte[]>> logisticsEvents(String shipmentId, int atLeast) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            found.clear();
            found.addAll(readAll("logistics.v1", shipmentId));
            return found.size() >= atLeast;
        });
        return found;
    }

    static List<ConsumerRecord<String, byte[]>> readAll(String topic, String key) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 10_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    static JsonNode json(ConsumerRecord<String, byte[]> record) {
        return JSON.readTree(record.value());
    }

    // ------------------------------------------------------------------ HTTP

    Response get(String path) throws Exception {
        return send(authorized(HttpRequest.newBuilder(uri(path)).GET()).build());
    }

    Response post(String path, Object body) throws Exception {
        return post(path, body, Map.of());
    }

    Response post(String path, Object body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        if (headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            authorized(request); // an Authorization given here replaces the harness' own
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Any method; {@code body} null sends none. */
    Response send(String method, String path, Object body) throws Exception {
        if (body == null) {
            return send(authorized(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody())).build());
        }
        return send(authorized(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))))
                .build());
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        String bearer = token.get();
        return bearer == null ? request : request.header("Authorization", "Bearer " + bearer);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static Response send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body() == null || response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        return new Response(response.statusCode(), body, response);
    }

    // ------------------------------------------------------------------ request bodies

    static Map<String, Object> line(String commitmentLineId, Object quantity) {
        return Map.of("commitmentLineId", commitmentLineId, "quantity", quantity);
    }

    static Map<String, Object> medicineLine(Object quantity) {
        return Map.of("commitmentLineId", "C-MED", "quantity", quantity, "lot", "LOT-2026-77",
                "expiryDate", LocalDate.now().plusYears(2).toString());
    }

    static Map<String, Object> plan(String agreementId, String shelterId, List<Map<String, Object>> lines) {
        return Map.of("agreementId", agreementId, "shelterId", shelterId, "plannedDate", LocalDate.now().plusDays(2).toString(),
                "lines", lines);
    }
}

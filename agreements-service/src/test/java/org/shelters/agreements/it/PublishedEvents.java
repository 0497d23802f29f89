package org.shelters.agreements.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.shelters.events.EventJson;
import org.shelters.events.EventSchemas;
import tools.jackson.databind.JsonNode;

/**
 * Reads what really reached Kafka with a plain consumer (no platform code), so the tests see what
 * any other service would see. Every record read is checked against the shared JSON Schemas.
 */
public final class PublishedEvents {

    private PublishedEvents() {
    }

    /** Waits until {@code count} events keyed {@code key} are on {@code topic}; returns them in partition order. */
    public static List<JsonNode> awaitEvents(String bootstrapServers, String topic, String key, int count) {
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
                if (consumer.assignment().isEmpty()) {
                    var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                    if (partitions == null || partitions.isEmpty()) {
                        return false;
                    }
                    List<TopicPartition> assigned = partitions.stream()
                            .map(p -> new TopicPartition(topic, p.partition())).toList();
                    consumer.assign(assigned);
                    consumer.seekToBeginning(assigned);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        assertThat(EventSchemas.shared().validate(record.value()))
                                .as("schema violations of %s", new String(record.value())).isEmpty();
                        found.add(EventJson.mapper().readTree(record.value()));
                    }
                }
                return found.size() >= count;
            });
        }
        return found;
    }

    public static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asString()).toList();
    }

    public static List<Long> sequences(List<JsonNode> events) {
        return events.stream().map(e -> e.get("sequence").asLong()).toList();
    }
}

package org.shelters.platform.consumer;

import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.shelters.events.kafka.ReceivedEvent;
import org.shelters.events.kafka.ReceivedEventDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Re-drives this service's dead letters: reads each subscribed topic's {@code <topic>-dlt} from
 * the start and hands every event THIS service dead-lettered (it remembers their ids) back to its
 * own consumer pipeline, one at a time, as if it had just arrived on the original topic. The
 * consumer applies a revived dead letter once, even behind later events of its aggregate; an
 * event that still fails stays dead-lettered and is reported. Idempotent: a re-driven event is
 * forgotten once applied, so a second run re-drives nothing; other services' dead letters on the
 * same DLT are left alone, and nothing is republished to the original topic.
 */
public class DeadLetterRedrive {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRedrive.class);

    private final EventConsumer consumer;
    private final ReceivedEventDeserializer events;
    private final MongoTemplate mongo;
    private final Map<String, Object> consumerConfig;

    public DeadLetterRedrive(EventConsumer consumer, ReceivedEventDeserializer events, MongoTemplate mongo,
                             Map<String, Object> consumerConfig) {
        this.consumer = consumer;
        this.events = events;
        this.mongo = mongo;
        this.consumerConfig = consumerConfig;
    }

    /** What a re-drive did: applied now, failed again (still dead-lettered), and records left alone. */
    public record Outcome(int redriven, int failedAgain, int skipped, List<String> failures) {
    }

    /** The dead letters this service remembers, oldest first (at most 500). */
    public List<Map<String, Object>> pending() {
        List<Map<String, Object>> pending = new ArrayList<>();
        mongo.getCollection(ConsumedEventLog.DEAD_LETTERED).find().sort(new Document("deadLetteredAt", 1)).limit(500)
                .forEach(d -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("eventId", d.getString("_id"));
                    entry.put("type", d.getString("type"));
                    entry.put("subject", d.getString("subject"));
                    entry.put("sequence", d.get("sequence"));
                    entry.put("deadLetteredAt", d.getDate("deadLetteredAt"));
                    pending.add(entry);
                });
        return pending;
    }

    public synchronized Outcome redrive() {
        int redriven = 0;
        int failed = 0;
        int skipped = 0;
        List<String> failures = new ArrayList<>();
        Map<String, Object> props = new HashMap<>(consumerConfig);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> dlt = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            for (String topic : consumer.topics()) {
                String deadLetters = topic + "-dlt";
                List<TopicPartition> partitions = dlt.partitionsFor(deadLetters, Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                dlt.assign(partitions);
                dlt.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = dlt.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> dlt.position(p) < end.get(p))) {
                    for (ConsumerRecord<String, byte[]> record : dlt.poll(Duration.ofMillis(500))) {
                        if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                            continue;
                        }
                        ReceivedEvent event = readable(record);
                        if (event == null || !remembered(event)) {
                            skipped++;
                            continue;
                        }
                        try {
                            consumer.onMessage(List.of(new ConsumerRecord<>(topic, record.partition(), record.offset(),
                                    record.key(), event)));
                            redriven++;
                        } catch (BatchListenerFailedException | IllegalStateException stillFailing) {
                            failed++;
                            failures.add(event.envelope().type() + " " + event.envelope().id() + ": "
                                    + (stillFailing.getCause() != null ? stillFailing.getCause() : stillFailing));
                        }
                    }
                }
            }
        }
        log.info("dead-letter re-drive: {} applied, {} failed again, {} left alone", redriven, failed, skipped);
        return new Outcome(redriven, failed, skipped, failures);
    }

    private ReceivedEvent readable(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return events.deserialize(record.topic(), record.value());
        } catch (RuntimeException poison) {
            return null;   // unreadable or invalid: it can never be applied, it stays on the DLT for a person
        }
    }

    private boolean remembered(ReceivedEvent event) {
        return mongo.getCollection(ConsumedEventLog.DEAD_LETTERED)
                .countDocuments(Filters.eq("_id", event.envelope().id().toString())) > 0;
    }

    Set<String> topics() {
        return consumer.topics();
    }
}

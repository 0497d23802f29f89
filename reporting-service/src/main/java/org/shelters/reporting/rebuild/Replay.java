package org.shelters.reporting.rebuild;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventPayload;
import org.shelters.events.kafka.ReceivedEventDeserializer;
import org.shelters.reporting.Projections;
import org.shelters.reporting.ReportingProperties;
import org.shelters.reporting.projection.ProjectionBatch;
import org.shelters.reporting.projection.TopicProjection;
import org.shelters.reporting.rollup.ReadModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * The one replayer: reads the three topics from offset 0 with a consumer of its own (assigned
 * partitions, no group, nothing committed) up to end offsets captured by the caller, and folds
 * every readable record into one generation with the same {@link Projections} as the live
 * handlers. Used by the rebuild (every record) and by reports "as known at" an instant (only the
 * records recorded by then, {@link ScratchGenerations}). Records are read by the platform's
 * {@link ReceivedEventDeserializer} (schema check, upcasters), so a replay cannot read an event
 * differently from the live consumer.
 */
@Component
public class Replay {

    private static final Logger log = LoggerFactory.getLogger(Replay.class);

    /** What a replay tells its caller, per batch. */
    public interface Listener {

        /** One record below its partition's end offset was read (whether or not it was applied). */
        default void read() {
        }

        /** The events of one poll that were folded, after they were written to the generation. */
        default void written(List<Folded> events) {
        }
    }

    /** An event folded by the replay and the topic it came from. */
    public record Folded(String topic, EventEnvelope<EventPayload> event) {
    }

    private final ReadModels readModels;
    private final KafkaProperties kafka;
    private final ReceivedEventDeserializer events;
    private final ReportingProperties properties;

    public Replay(ReadModels readModels, KafkaProperties kafka, ReceivedEventDeserializer events,
                  ReportingProperties properties) {
        this.readModels = readModels;
        this.kafka = kafka;
        this.events = events;
        this.properties = properties;
    }

    /** A consumer of the replay's own, assigned to every partition of the three topics and at their beginning. */
    public KafkaConsumer<String, byte[]> open() {
        Properties props = new Properties();
        props.putAll(kafka.buildConsumerProperties());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.rebuild().maxPollRecords());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (TopicProjection<?> projection : Projections.ALL) {
                for (PartitionInfo p : consumer.partitionsFor(projection.topic().name())) {
                    partitions.add(new TopicPartition(p.topic(), p.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return consumer;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /**
     * Why a replay from {@code consumer}'s partitions would miss history: some partition no longer
     * starts at offset 0. Empty when the whole history is there.
     */
    public Optional<String> historyGap(KafkaConsumer<String, byte[]> consumer) {
        return historyGap(consumer.beginningOffsets(consumer.assignment()));
    }

    /**
     * A replay must see the whole history: if any partition no longer starts at offset 0 (records
     * were deleted, e.g. by a retention the topic should never have had), the replayed generation
     * would lack every aggregate whose first events are gone. A rebuild then refuses to switch over
     * and the live generation keeps serving; a report as known at an instant is refused.
     *
     * @return why the history is incomplete, empty when every partition starts at 0
     */
    static Optional<String> historyGap(Map<TopicPartition, Long> beginningOffsets) {
        List<String> gaps = beginningOffsets.entrySet().stream().filter(e -> e.getValue() != null && e.getValue() > 0)
                .map(e -> e.getKey().topic() + "-" + e.getKey().partition() + " starts at offset " + e.getValue())
                .sorted().toList();
        if (gaps.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the event history is incomplete (" + String.join(", ", gaps) + "): events before those"
                + " offsets were deleted, so a replay would lose the aggregates they created (a rebuild does not switch"
                + " over: the live generation keeps serving). Topics must keep everything (retention.ms=-1).");
    }

    /** The offsets a replay started now stops at: what the topics hold at this moment. */
    public Map<TopicPartition, Long> endOffsets(KafkaConsumer<String, byte[]> consumer) {
        return consumer.endOffsets(consumer.assignment());
    }

    /**
     * Replays every record below {@code end} into {@code target}: those whose event {@code admit}
     * takes are folded, the others (and the unreadable ones the live consumer dead-letters) are
     * read past. Records of a partition are read in offset order up to its end offset, never beyond,
     * so a record recorded late but placed early is not missed and nothing after the end is read.
     */
    public void replayUntil(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end, int target,
                            Predicate<EventEnvelope<EventPayload>> admit, Listener listener) {
        Duration timeout = properties.rebuild().pollTimeout();
        while (!reached(consumer, end)) {
            ProjectionBatch batch = new ProjectionBatch();
            List<Folded> folded = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= end.get(tp)) {
                    continue;
                }
                listener.read();
                EventEnvelope<EventPayload> event = readOrSkip(record);
                if (event != null && admit.test(event)) {
                    Projections.ALL.forEach(projection -> foldIfItsTopic(batch, projection, record.topic(), event));
                    folded.add(new Folded(record.topic(), event));
                }
            }
            // a record beyond the end offset of its partition is not this replay's: rewind, so that
            // a rebuild's tail replay does not miss it
            for (TopicPartition tp : consumer.assignment()) {
                if (consumer.position(tp) > end.get(tp)) {
                    consumer.seek(tp, end.get(tp));
                }
            }
            readModels.write(batch, target);
            listener.written(folded);
        }
    }

    /**
     * As the live consumer: a topic's projection gets only events of its topic's sealed family
     * (anything else on the topic is dead-lettered there, so skipped here).
     */
    private static <P extends EventPayload> void foldIfItsTopic(ProjectionBatch batch, TopicProjection<P> projection,
                                                                String topic, EventEnvelope<EventPayload> event) {
        Class<P> family = projection.topic().payloadType();
        if (projection.topic().name().equals(topic) && family.isInstance(event.data())) {
            batch.add(projection, event, family.cast(event.data()));
        }
    }

    /** Records the live consumer dead-letters (unreadable or invalid) are skipped here too. */
    private EventEnvelope<EventPayload> readOrSkip(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return events.deserialize(record.topic(), record.value()).envelope();
        } catch (RuntimeException e) {
            log.debug("replay skips {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
            return null;
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}

package org.shelters.platform.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventMetadata;
import org.shelters.events.EventPayload;
import org.shelters.events.InvalidEventException;
import org.shelters.events.Topic;
import org.shelters.events.kafka.ReceivedEvent;
import org.shelters.platform.web.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * The one idempotent consumer every service uses. For each poll, in record order: records that
 * could not be deserialised are handed to the error handler (which dead-letters them with their
 * original bytes) after the records before them were applied; events whose id was already
 * consumed are skipped; the rest go to the {@link EventHandler}s, in bulk when possible and one
 * by one when a bulk apply fails, so the failing record is the one retried and, after bounded
 * retries, dead-lettered while the partition keeps moving.
 */
public class EventConsumer implements BatchMessageListener<String, ReceivedEvent> {

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

    private final List<EventHandler> handlers;
    private final ConsumedEventLog consumedLog;
    private final MeterRegistry meters;
    private final Set<String> topics = new LinkedHashSet<>();

    public EventConsumer(List<EventHandler> handlers, ConsumedEventLog consumedLog, MeterRegistry meters) {
        this.handlers = List.copyOf(handlers);
        this.consumedLog = consumedLog;
        this.meters = meters;
        handlers.forEach(h -> h.topics().forEach(t -> topics.add(t.name())));
    }

    public Set<String> topics() {
        return topics;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, ReceivedEvent>> records) {
        List<Indexed> chunk = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, ReceivedEvent> record = records.get(index);
            if (record.value() == null) {
                apply(chunk);
                chunk.clear();
                DeserializationException cause = SerializationUtils.getExceptionFromHeader(record,
                        SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, null);
                throw new BatchListenerFailedException("record " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + " is not a valid event", cause != null ? cause
                        : new InvalidEventException("empty record value"), index);
            }
            chunk.add(new Indexed(index, record.topic(), record.value().envelope()));
        }
        apply(chunk);
    }

    private void apply(List<Indexed> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        Set<EventEnvelope<?>> duplicates = consumedLog.duplicates(chunk.stream().map(Indexed::event).toList());
        List<Indexed> fresh = new ArrayList<>(chunk.size());
        for (Indexed item : chunk) {
            if (duplicates.contains(item.event())) {
                count(item, "duplicate");
            } else {
                fresh.add(item);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        try {
            for (EventHandler handler : handlers) {
                List<EventEnvelope<EventPayload>> mine = fresh.stream().filter(i -> wants(handler, i.topic()))
                        .map(Indexed::event).toList();
                if (mine.isEmpty()) {
                    continue;
                }
                if (handler instanceof BatchEventHandler batchHandler) {
                    batchHandler.handleBatch(mine);
                } else {
                    mine.forEach(event -> withContext(event, () -> handler.handle(event)));
                }
            }
        } catch (RuntimeException bulkFailure) {
            log.debug("bulk apply failed, applying one by one to find the failing record: {}", bulkFailure.toString());
            applyOneByOne(fresh);
        }
        consumedLog.markConsumed(fresh.stream().<EventEnvelope<?>>map(Indexed::event).toList());
        fresh.forEach(item -> count(item, "applied"));
    }

    private void applyOneByOne(List<Indexed> fresh) {
        for (int i = 0; i < fresh.size(); i++) {
            Indexed item = fresh.get(i);
            try {
                withContext(item.event(), () -> handlers.stream().filter(h -> wants(h, item.topic()))
                        .forEach(h -> h.handle(item.event())));
            } catch (RuntimeException failure) {
                List<Indexed> done = fresh.subList(0, i);
                consumedLog.markConsumed(done.stream().<EventEnvelope<?>>map(Indexed::event).toList());
                done.forEach(d -> count(d, "applied"));
                log.warn("could not apply {} {} (subject {}, sequence {}): {}", item.event().type(), item.event().id(),
                        item.event().subject(), item.event().sequence(), failure.toString());
                throw new BatchListenerFailedException("handler failed for " + item.event().type() + " " + item.event().id(),
                        failure, item.index());
            }
        }
    }

    private static void withContext(EventEnvelope<?> event, Runnable work) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        MDC.put("eventId", event.id().toString());
        if (event.correlationid() != null) {
            MDC.put("correlationId", event.correlationid());
        }
        if (event.traceparent() != null && event.traceparent().length() >= 35) {
            MDC.put("traceId", event.traceparent().substring(3, 35));
        }
        try {
            CommandContext.runWith(EventMetadata.causedBy(event), work);
        } finally {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }

    private static boolean wants(EventHandler handler, String topic) {
        for (Topic<?> t : handler.topics()) {
            if (t.name().equals(topic)) {
                return true;
            }
        }
        return false;
    }

    private void count(Indexed item, String outcome) {
        meters.counter("events.consumed", "topic", item.topic(), "type", item.event().type(), "outcome", outcome).increment();
        if ("applied".equals(outcome) && item.event().recordedtime() != null) {
            meters.timer("events.consume.lag", "topic", item.topic())
                    .record(Duration.between(item.event().recordedtime(), Instant.now()));
        }
    }

    private record Indexed(int index, String topic, EventEnvelope<EventPayload> event) {
    }
}

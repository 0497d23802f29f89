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
import org.shelters.platform.context.CommandContext;
import org.shelters.platform.store.StoreFailures;
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

    private final List<EventHandler<?>> handlers;
    private final ConsumedEventLog consumedLog;
    private final MeterRegistry meters;
    private final Set<String> topics = new LinkedHashSet<>();

    public EventConsumer(List<? extends EventHandler<?>> handlers, ConsumedEventLog consumedLog, MeterRegistry meters) {
        this.handlers = List.copyOf(handlers);
        this.consumedLog = consumedLog;
        this.meters = meters;
        handlers.forEach(h -> topics.add(h.topic().name()));
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
            EventEnvelope<EventPayload> event = record.value().envelope();
            if (!onItsTopic(record.topic(), event)) {
                apply(chunk);
                chunk.clear();
                throw new BatchListenerFailedException("record " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + " is a " + event.type() + ", which does not travel on " + record.topic(),
                        new InvalidEventException(event.type() + " does not belong on topic " + record.topic()), index);
            }
            chunk.add(new Indexed(index, record.topic(), event));
        }
        apply(chunk);
    }

    private void apply(List<Indexed> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        try {
            applyChunk(chunk);
        } catch (BatchListenerFailedException failed) {
            throw failed;
        } catch (RuntimeException failure) {
            if (StoreFailures.unreachable(failure)) {
                meters.counter("events.consume.store.unavailable").increment();
                // not the records' fault: the error handler retries from here until the store is back
                throw new BatchListenerFailedException("the store is unreachable; retrying from " + chunk.get(0).event().id(),
                        failure, chunk.get(0).index());
            }
            throw failure;
        }
    }

    private void applyChunk(List<Indexed> chunk) {
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
            for (EventHandler<?> handler : handlers) {
                List<EventEnvelope<EventPayload>> mine = fresh.stream().filter(i -> wants(handler, i.topic()))
                        .map(Indexed::event).toList();
                if (!mine.isEmpty()) {
                    deliver(handler, mine);
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
                        .forEach(h -> typed(h).handle(item.event())));
            } catch (RuntimeException failure) {
                List<Indexed> done = fresh.subList(0, i);
                if (StoreFailures.unreachable(failure)) {
                    meters.counter("events.consume.store.unavailable").increment();
                    // the store went away mid-batch: record nothing more, retry from this record once it is back
                    throw new BatchListenerFailedException("the store is unreachable; retrying " + item.event().id(),
                            failure, item.index());
                }
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

    private static boolean wants(EventHandler<?> handler, String topic) {
        return handler.topic().name().equals(topic);
    }

    /** Only events of the topic's own payload family reach its handlers; anything else is poison. */
    private boolean onItsTopic(String topicName, EventEnvelope<EventPayload> event) {
        for (EventHandler<?> handler : handlers) {
            Topic<?> topic = handler.topic();
            if (topic.name().equals(topicName) && !topic.payloadType().isInstance(event.data())) {
                return false;
            }
        }
        return true;
    }

    private void deliver(EventHandler<?> handler, List<EventEnvelope<EventPayload>> events) {
        if (handler instanceof BatchEventHandler<?> batch) {
            typedBatch(batch).handleBatch(events);
        } else {
            EventHandler<EventPayload> typed = typed(handler);
            events.forEach(event -> withContext(event, () -> typed.handle(event)));
        }
    }

    /**
     * Safe: {@link #onItsTopic} let through only envelopes whose payload is an instance of the
     * handler's topic payload type, so the handler's {@code EventEnvelope<P>} is what it gets.
     */
    @SuppressWarnings("unchecked")
    private static EventHandler<EventPayload> typed(EventHandler<?> handler) {
        return (EventHandler<EventPayload>) handler;
    }

    @SuppressWarnings("unchecked")
    private static BatchEventHandler<EventPayload> typedBatch(BatchEventHandler<?> handler) {
        return (BatchEventHandler<EventPayload>) handler;
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

package org.shelters.events;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Builds envelopes the one way every producer does. */
public final class Events {

    private Events() {
    }

    /**
     * @param source   the producing service, e.g. "/agreements-service"
     * @param sequence the aggregate version this event brings it to
     * @param time     when it happened in the domain
     */
    public static <T extends EventPayload> EventEnvelope<T> envelope(String source, T payload, long sequence,
                                                                      EventMetadata metadata, Instant time, Instant recordedTime) {
        EventType<T> type = EventCatalog.typeOf(payload);
        UUID id = UUID.randomUUID();
        String correlation = metadata.correlationId() != null ? metadata.correlationId() : id.toString();
        String traceparent = metadata.traceparent() != null ? metadata.traceparent() : newTraceparent();
        return new EventEnvelope<>(EventEnvelope.SPEC_VERSION, id, URI.create(source), type.name(),
                payload.aggregateId(), time, EventEnvelope.CONTENT_TYPE, type.dataschema(), sequence,
                correlation, metadata.causationId(), recordedTime, traceparent, metadata.actorId(), metadata.actorRole(), payload);
    }

    /** A fresh W3C trace context ({@code 00-<trace id>-<span id>-01}) for work that has none yet. */
    public static String newTraceparent() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("00-%016x%016x-%016x-01", random.nextLong(), random.nextLong(), random.nextLong());
    }
}

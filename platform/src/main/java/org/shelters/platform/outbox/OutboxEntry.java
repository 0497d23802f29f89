package org.shelters.platform.outbox;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventJson;

/**
 * An event waiting inside its aggregate document until Kafka has acknowledged it. The payload
 * is the exact JSON that will be published, so the relay needs no knowledge of event types.
 */
record OutboxEntry(String eventId, String topic, String key, String type, String traceparent, Instant recordedAt,
                   String payload) {

    static OutboxEntry of(EventEnvelope<?> envelope) {
        return new OutboxEntry(envelope.id().toString(), envelope.eventType().topic().name(), envelope.subject(),
                envelope.type(), envelope.traceparent(), envelope.recordedtime(), EventJson.DEFAULT.writeAsString(envelope));
    }

    Document toDocument() {
        return new Document("eventId", eventId)
                .append("topic", topic)
                .append("key", key)
                .append("type", type)
                .append("traceparent", traceparent)
                .append("recordedAt", Date.from(recordedAt))
                .append("payload", payload);
    }

    static OutboxEntry from(Document document) {
        Date recorded = document.getDate("recordedAt");
        return new OutboxEntry(document.getString("eventId"), document.getString("topic"), document.getString("key"),
                document.getString("type"), document.getString("traceparent"),
                recorded == null ? Instant.now() : recorded.toInstant(), document.getString("payload"));
    }
}

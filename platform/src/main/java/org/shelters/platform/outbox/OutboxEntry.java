package org.shelters.platform.outbox;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventJson;
import org.shelters.events.EventSchemas;
import org.shelters.platform.domain.FieldError;
import org.shelters.platform.domain.Refusal;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An event waiting inside its aggregate document until Kafka has acknowledged it. The payload
 * is the exact JSON that will be published, so the relay needs no knowledge of event types.
 */
record OutboxEntry(String eventId, String topic, String key, String type, String traceparent, Instant recordedAt,
                   String payload) {

    /**
     * The entry for {@code envelope}, which must be valid against its JSON Schema: an event is
     * checked before it is stored, so nothing is accepted that consumers would dead-letter.
     *
     * @throws Refusal INVALID naming each field of the event's data at fault
     */
    static OutboxEntry of(EventEnvelope<?> envelope) {
        JsonNode tree = EventJson.mapper().valueToTree(envelope);
        List<String> violations = EventSchemas.shared().validate(tree);
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations.stream().map(OutboxEntry::fieldError).toList());
        }
        return new OutboxEntry(envelope.id().toString(), envelope.eventType().topic().name(), envelope.subject(),
                envelope.type(), envelope.traceparent(), envelope.recordedtime(), EventJson.mapper().writeValueAsString(tree));
    }

    /** {@code "$.data.period.start: must be ..."} -> field {@code period.start}: the request names the same field. */
    private static FieldError fieldError(String violation) {
        int colon = violation.indexOf(": ");
        String path = colon < 0 ? "$" : violation.substring(0, colon);
        String message = colon < 0 ? violation : violation.substring(colon + 2);
        String field = path.startsWith("$.data.") ? path.substring("$.data.".length())
                : path.startsWith("$.") ? path.substring(2) : "body";
        return new FieldError(field, message);
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

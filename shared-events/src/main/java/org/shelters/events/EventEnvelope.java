package org.shelters.events;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the Kafka record value is this whole object.
 * Attribute names are the CloudEvents ones (lower case); {@code sequence}, {@code correlationid},
 * {@code causationid}, {@code recordedtime}, {@code traceparent}, {@code actorid} and
 * {@code actorrole} are extension attributes.
 *
 * @param sequence     the aggregate version this event produced (1, 2, 3 ...), for ordering and dedupe
 * @param time         when it happened in the domain
 * @param recordedtime when the system recorded it (freshness is measured from here)
 * @param actorid      the opaque subject id of the caller who caused it (null for events older than the attribute)
 * @param actorrole    the caller's role, e.g. {@code PROGRAMME_OFFICER}; {@code SYSTEM} for scheduled work
 */
public record EventEnvelope<T extends EventPayload>(
        String specversion,
        UUID id,
        URI source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        URI dataschema,
        long sequence,
        String correlationid,
        String causationid,
        Instant recordedtime,
        String traceparent,
        String actorid,
        String actorrole,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(data, "data");
    }

    public EventType<T> eventType() {
        @SuppressWarnings("unchecked")
        EventType<T> eventType = (EventType<T>) EventCatalog.byName(type);
        return eventType;
    }
}

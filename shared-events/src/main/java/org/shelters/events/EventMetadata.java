package org.shelters.events;

/**
 * Who asked and why: carried from the HTTP command (or the consumed event) to every event it
 * causes. {@code causationId} is the id of the event that caused this one, when there is one.
 */
public record EventMetadata(String correlationId, String causationId, String traceparent) {

    public static EventMetadata none() {
        return new EventMetadata(null, null, null);
    }

    /** Metadata for events caused by {@code cause}: same correlation and trace, cause as causation. */
    public static EventMetadata causedBy(EventEnvelope<?> cause) {
        return new EventMetadata(cause.correlationid(), cause.id().toString(), cause.traceparent());
    }
}

package org.shelters.events;

/**
 * Who asked and why: carried from the HTTP command (or the consumed event) to every event it
 * causes. {@code causationId} is the id of the event that caused this one, when there is one.
 * {@code actorId} and {@code actorRole} say who caused it: the caller's opaque subject id and role
 * (never a name or an e-mail); events caused by events keep the original actor.
 */
public record EventMetadata(String correlationId, String causationId, String traceparent, String actorId, String actorRole) {

    /** The actor of work that no caller asked for (a scheduled job of {@code service}). */
    public static final String SYSTEM_ROLE = "SYSTEM";

    public EventMetadata(String correlationId, String causationId, String traceparent) {
        this(correlationId, causationId, traceparent, null, null);
    }

    public static EventMetadata none() {
        return new EventMetadata(null, null, null, null, null);
    }

    /** Metadata for events caused by {@code cause}: same correlation, trace and actor, cause as causation. */
    public static EventMetadata causedBy(EventEnvelope<?> cause) {
        return new EventMetadata(cause.correlationid(), cause.id().toString(), cause.traceparent(),
                cause.actorid(), cause.actorrole());
    }

    /** The same request, now known to be made by {@code actorId} in {@code actorRole}. */
    public EventMetadata withActor(String actorId, String actorRole) {
        return new EventMetadata(correlationId, causationId, traceparent, actorId, actorRole);
    }
}

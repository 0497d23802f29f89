package org.shelters.reporting.audit;

import java.time.Instant;
import org.shelters.events.EventEnvelope;

/**
 * One event of an agreement or shipment as the audit trail keeps it: who did what, when — the
 * event's type, its times, the actor's opaque subject id and role, its correlation and cause, and
 * its place in the aggregate's history. No payload: not a figure, a name or a shelter, so the
 * trail can never hold anything about migrants.
 *
 * @param eventId the event's id, the entry's identity: an event redelivered or replayed by a
 *                rebuild is recorded once
 */
public record AuditEntry(String eventId, String aggregate, String aggregateId, long sequence, String type,
                         Instant time, Instant recordedTime, String actorId, String actorRole, String correlationId,
                         String causationId) {

    public static final String AGREEMENT = "agreement";
    public static final String SHIPMENT = "shipment";

    /** The entry for {@code event} of an aggregate of kind {@code aggregate} (its subject is the aggregate's id). */
    public static AuditEntry of(String aggregate, EventEnvelope<?> event) {
        return new AuditEntry(event.id().toString(), aggregate, event.subject(), event.sequence(), event.type(),
                event.time(), event.recordedtime(), event.actorid(), event.actorrole(), event.correlationid(),
                event.causationid());
    }
}

package org.shelters.platform.consumer;

import java.util.Set;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventPayload;
import org.shelters.events.Topic;

/**
 * Reacts to events of some topics. Register as a bean; the platform's {@link EventConsumer}
 * subscribes, skips events already consumed (by event id), retries failures with bounded
 * backoff and dead-letters poison records, so a handler holds only domain logic.
 *
 * <p>A handler must still be idempotent under re-application (the event-id check cannot cover a
 * crash between applying and recording an event): guard writes with the aggregate
 * {@code sequence} or make them plain replacements.
 */
public interface EventHandler {

    Set<Topic<?>> topics();

    void handle(EventEnvelope<EventPayload> event);

}

package org.shelters.platform.consumer;

import org.shelters.events.EventEnvelope;
import org.shelters.events.EventPayload;
import org.shelters.events.Topic;

/**
 * Reacts to the events of one topic, typed to that topic's sealed payload interface: a handler
 * of {@code Topics.AGREEMENTS} receives {@code EventEnvelope<AgreementEvent>} and can never be
 * handed another topic's event. Register as a bean; the platform's {@link EventConsumer}
 * subscribes, skips what was already applied (per-aggregate sequence high-water mark, event id
 * for events without a sequence), retries failures with bounded backoff and dead-letters poison
 * records, so a handler holds only domain logic. Dispatch on the payload with an
 * {@link org.shelters.events.EventSwitch} so that a new event type cannot be silently ignored.
 *
 * <p>A handler must still be idempotent under re-application (a crash between applying an event
 * and recording its sequence redelivers it): guard writes with the aggregate {@code sequence} or
 * make them plain replacements.
 */
public interface EventHandler<P extends EventPayload> {

    Topic<P> topic();

    void handle(EventEnvelope<P> event);

}

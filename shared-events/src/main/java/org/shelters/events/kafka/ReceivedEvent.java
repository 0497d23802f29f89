package org.shelters.events.kafka;

import org.shelters.events.EventEnvelope;
import org.shelters.events.EventPayload;

/**
 * An event as a consumer received it: the parsed envelope and the exact bytes that came off the
 * wire, which is what a dead-letter topic must carry.
 */
public record ReceivedEvent(EventEnvelope<EventPayload> envelope, byte[] raw) {
}

package org.shelters.events;

/**
 * The data of one event. Every payload names the aggregate it belongs to, which is also the
 * Kafka key and the CloudEvents {@code subject}; that is what keeps per-aggregate order.
 */
public interface EventPayload {

    String aggregateId();
}

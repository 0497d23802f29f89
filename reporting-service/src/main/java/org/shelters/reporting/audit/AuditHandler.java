package org.shelters.reporting.audit;

import java.util.List;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventPayload;
import org.shelters.events.Topic;
import org.shelters.platform.consumer.BatchEventHandler;

/**
 * Keeps the audit trail of one topic's aggregates from the live consumer, beside the topic's
 * projections (the platform consumer hands every handler of a topic the same poll). Idempotent
 * by event id, so a poll retried after a failure records nothing twice.
 */
public class AuditHandler<P extends EventPayload> implements BatchEventHandler<P> {

    private final Topic<P> topic;
    private final String aggregate;
    private final AuditTrail trail;

    public AuditHandler(Topic<P> topic, String aggregate, AuditTrail trail) {
        this.topic = topic;
        this.aggregate = aggregate;
        this.trail = trail;
    }

    @Override
    public Topic<P> topic() {
        return topic;
    }

    @Override
    public void handle(EventEnvelope<P> event) {
        trail.record(List.of(AuditEntry.of(aggregate, event)));
    }

    @Override
    public void handleBatch(List<EventEnvelope<P>> events) {
        trail.record(events.stream().map(event -> AuditEntry.of(aggregate, event)).toList());
    }
}

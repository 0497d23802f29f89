package org.shelters.platform.consumer;

import java.util.List;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventPayload;

/**
 * A handler that applies a whole poll of its topic at once (bulk writes), e.g. a projection
 * catching up on a backlog. Events arrive in partition order, so per-key order holds. If a batch
 * fails, the consumer falls back to {@link #handle} one event at a time to find the failing record.
 */
public interface BatchEventHandler<P extends EventPayload> extends EventHandler<P> {

    void handleBatch(List<EventEnvelope<P>> events);
}

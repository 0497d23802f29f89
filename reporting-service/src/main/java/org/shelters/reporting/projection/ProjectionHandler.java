package org.shelters.reporting.projection;

import java.util.List;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventPayload;
import org.shelters.events.Topic;
import org.shelters.platform.consumer.BatchEventHandler;

/**
 * The live consumer of one topic's projections: each poll of the topic is applied in bulk. One
 * bean per topic (see {@code Projections}); the platform consumer hands it only events of its
 * topic's sealed family.
 */
public class ProjectionHandler<P extends EventPayload> implements BatchEventHandler<P> {

    private final TopicProjection<P> projection;
    private final LiveProjections live;

    public ProjectionHandler(TopicProjection<P> projection, LiveProjections live) {
        this.projection = projection;
        this.live = live;
    }

    @Override
    public Topic<P> topic() {
        return projection.topic();
    }

    @Override
    public void handle(EventEnvelope<P> event) {
        live.apply(projection, List.of(event));
    }

    @Override
    public void handleBatch(List<EventEnvelope<P>> events) {
        live.apply(projection, events);
    }
}

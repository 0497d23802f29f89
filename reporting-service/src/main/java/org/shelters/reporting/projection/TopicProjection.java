package org.shelters.reporting.projection;

import java.util.List;
import java.util.function.BiConsumer;
import org.shelters.events.EventPayload;
import org.shelters.events.Topic;

/**
 * What the events of one topic become: the documents they are folded into and the fold itself.
 * The live handler and the rebuild both fold through this, so they cannot disagree.
 *
 * @param documents every kind of document the fold writes (what a rebuild drops and refills)
 * @param fold      pure: says which document each event changes and how (an exhaustive
 *                  {@link org.shelters.events.EventSwitch} over the topic's sealed family)
 */
public record TopicProjection<P extends EventPayload>(Topic<P> topic, List<Projection<?>> documents,
                                                      BiConsumer<Changes, P> fold) {

    public TopicProjection {
        documents = List.copyOf(documents);
    }
}

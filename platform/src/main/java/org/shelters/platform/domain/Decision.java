package org.shelters.platform.domain;

import java.util.List;
import org.shelters.events.EventPayload;

/**
 * What a domain command decided: the new state and the events that say so. The caller stores
 * both in one write (see {@code AggregateRepository}); an empty event list means nothing happened.
 */
public record Decision<S>(S state, List<EventPayload> events) {

    public Decision {
        events = List.copyOf(events);
    }

    public static <S> Decision<S> of(S state, EventPayload event) {
        return new Decision<>(state, List.of(event));
    }

    /** Nothing to store: the state is as it was and no event was caused. */
    public static <S> Decision<S> unchanged(S state) {
        return new Decision<>(state, List.of());
    }

    public boolean changed() {
        return !events.isEmpty();
    }

    public <E extends EventPayload> List<E> eventsOf(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}

package org.shelters.agreements;

import java.util.List;
import org.shelters.events.EventPayload;

/** What a domain command decided: the new state and the events that say so; the caller stores both in one write. */
public record Decision<S>(S state, List<EventPayload> events) {

    public Decision {
        events = List.copyOf(events);
    }

    public static <S> Decision<S> of(S state, EventPayload event) {
        return new Decision<>(state, List.of(event));
    }
}

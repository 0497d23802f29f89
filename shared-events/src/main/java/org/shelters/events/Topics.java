package org.shelters.events;

import java.util.List;
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.logistics.LogisticsEvent;
import org.shelters.events.shelters.ShelterEvent;

/** The topics of the programme; see DESIGN.md. Names are a public contract. */
public final class Topics {

    public static final Topic<ShelterEvent> SHELTERS = new Topic<>("shelters.v1", ShelterEvent.class);
    public static final Topic<AgreementEvent> AGREEMENTS = new Topic<>("agreements.v1", AgreementEvent.class);
    public static final Topic<LogisticsEvent> LOGISTICS = new Topic<>("logistics.v1", LogisticsEvent.class);

    public static final List<Topic<?>> ALL = List.of(SHELTERS, AGREEMENTS, LOGISTICS);

    private Topics() {
    }

    public static Topic<?> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown topic " + name));
    }
}

package org.shelters.events;

import java.util.List;
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.logistics.LogisticsEvent;
import org.shelters.events.shelters.ShelterEvent;

/** The topics of the programme (see the event catalog in the README). Names are a public contract. */
public final class Topics {

    public static final Topic<ShelterEvent> SHELTERS = new Topic<>("shelters.v1", ShelterEvent.class, "shelterId");
    public static final Topic<AgreementEvent> AGREEMENTS = new Topic<>("agreements.v1", AgreementEvent.class, "agreementId");
    public static final Topic<LogisticsEvent> LOGISTICS = new Topic<>("logistics.v1", LogisticsEvent.class, "shipmentId");

    public static final List<Topic<?>> ALL = List.of(SHELTERS, AGREEMENTS, LOGISTICS);

    private Topics() {
    }
}

package org.shelters.events;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.shelters.events.agreements.AgreementAmended;
import org.shelters.events.agreements.AgreementCompleted;
import org.shelters.events.agreements.AgreementDrafted;
import org.shelters.events.agreements.AgreementExpired;
import org.shelters.events.agreements.AgreementResumed;
import org.shelters.events.agreements.AgreementSigned;
import org.shelters.events.agreements.AgreementSuspended;
import org.shelters.events.agreements.AgreementTerminated;
import org.shelters.events.agreements.TrainingSessionDelivered;
import org.shelters.events.logistics.ShipmentCancelled;
import org.shelters.events.logistics.ShipmentPlanned;
import org.shelters.events.logistics.SuppliesDelivered;
import org.shelters.events.logistics.SuppliesDispatched;
import org.shelters.events.shelters.ShelterArrivalsReported;
import org.shelters.events.shelters.ShelterProfileUpdated;
import org.shelters.events.shelters.ShelterRegistered;
import org.shelters.events.shelters.ShelterRetired;

/** Every event type of the programme, by name, at its current version. */
public final class EventCatalog {

    public static final EventCatalog CURRENT = new EventCatalog(
            EventType.of(ShelterRegistered.class, Topics.SHELTERS),
            EventType.of(ShelterProfileUpdated.class, Topics.SHELTERS),
            EventType.of(ShelterArrivalsReported.class, Topics.SHELTERS),
            EventType.of(ShelterRetired.class, Topics.SHELTERS),
            EventType.of(AgreementDrafted.class, Topics.AGREEMENTS),
            EventType.of(AgreementSigned.class, Topics.AGREEMENTS),
            EventType.of(AgreementAmended.class, Topics.AGREEMENTS),
            EventType.of(AgreementSuspended.class, Topics.AGREEMENTS),
            EventType.of(AgreementResumed.class, Topics.AGREEMENTS),
            EventType.of(AgreementTerminated.class, Topics.AGREEMENTS),
            EventType.of(AgreementExpired.class, Topics.AGREEMENTS),
            EventType.of(AgreementCompleted.class, Topics.AGREEMENTS),
            EventType.of(TrainingSessionDelivered.class, Topics.AGREEMENTS),
            EventType.of(ShipmentPlanned.class, Topics.LOGISTICS),
            EventType.of(SuppliesDispatched.class, Topics.LOGISTICS),
            EventType.of(SuppliesDelivered.class, Topics.LOGISTICS),
            EventType.of(ShipmentCancelled.class, Topics.LOGISTICS));

    private final Map<String, EventType<?>> byName = new LinkedHashMap<>();
    private final Map<Class<?>, EventType<?>> byPayload = new LinkedHashMap<>();

    public EventCatalog(EventType<?>... types) {
        for (EventType<?> type : types) {
            byName.put(type.name(), type);
            byPayload.put(type.payloadType(), type);
        }
    }

    public Collection<EventType<?>> types() {
        return byName.values();
    }

    public Optional<EventType<?>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @SuppressWarnings("unchecked")
    public <T extends EventPayload> EventType<T> of(Class<T> payloadType) {
        EventType<?> type = byPayload.get(payloadType);
        if (type == null) {
            throw new IllegalArgumentException(payloadType.getName() + " is not in the event catalog");
        }
        return (EventType<T>) type;
    }

    public static EventType<?> byName(String name) {
        return CURRENT.find(name).orElseThrow(() -> new UnknownEventTypeException(name));
    }

    public static <T extends EventPayload> EventType<T> typeOf(T payload) {
        @SuppressWarnings("unchecked")
        Class<T> payloadClass = (Class<T>) payload.getClass();
        return CURRENT.of(payloadClass);
    }
}

package org.shelters.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.logistics.LogisticsEvent;
import org.shelters.events.logistics.ShipmentCancelled;
import org.shelters.events.logistics.ShipmentPlanned;
import org.shelters.events.logistics.SuppliesDelivered;
import org.shelters.events.logistics.SuppliesDispatched;
import org.shelters.events.shelters.ShelterArrivalsReported;
import org.shelters.events.shelters.ShelterEvent;
import org.shelters.events.shelters.ShelterProfileUpdated;
import org.shelters.events.shelters.ShelterRegistered;
import org.shelters.events.shelters.ShelterRetired;

class EventSwitchTest {

    sealed interface Family extends EventPayload permits Known, Added {
    }

    record Known(String aggregateId) implements Family {
    }

    /** Stands for an event type added to a topic after its handlers were written. */
    record Added(String aggregateId) implements Family {
    }

    @Test
    void aSwitchThatForgetsAnEventTypeCannotBeBuiltAndNamesIt() {
        assertThatIllegalStateException()
                .isThrownBy(() -> EventSwitch.over(Family.class, List.class)
                        .on(Known.class, (seen, known) -> { })
                        .build())
                .withMessageContaining("not handled nor ignored: Added");
    }

    @Test
    void anExplicitlyIgnoredTypeCountsAsCovered() {
        List<String> seen = new ArrayList<>();
        EventSwitch<Family, List<String>> dispatch = EventSwitch.<Family, List<String>>over(Family.class, null)
                .on(Known.class, (into, known) -> into.add(known.aggregateId()))
                .ignore(Added.class)
                .build();

        dispatch.apply(seen, new Known("k-1"));
        dispatch.apply(seen, new Added("a-1"));

        assertThat(seen).containsExactly("k-1");
        assertThat(dispatch.handles(Known.class)).isTrue();
        assertThat(dispatch.handles(Added.class)).isFalse();
    }

    @Test
    void declaringATypeTwiceIsRefused() {
        assertThatIllegalStateException()
                .isThrownBy(() -> EventSwitch.over(Family.class, Object.class)
                        .on(Known.class, (c, e) -> { })
                        .ignore(Known.class, Added.class)
                        .build())
                .withMessageContaining("Known is declared twice");
    }

    @Test
    void everyTopicPayloadFamilyIsSealedSoItsLeavesAreKnown() {
        for (Topic<?> topic : Topics.ALL) {
            assertThat(EventSwitch.leaves(topic.payloadType()))
                    .as(topic.name())
                    .isNotEmpty()
                    .allSatisfy(type -> assertThat(EventCatalog.CURRENT.of(type.asSubclass(EventPayload.class)).topic())
                            .isEqualTo(topic));
        }
        assertThat(EventSwitch.leaves(LogisticsEvent.class)).containsExactlyInAnyOrder(ShipmentPlanned.class,
                SuppliesDispatched.class, SuppliesDelivered.class, ShipmentCancelled.class);
        assertThat(EventSwitch.leaves(AgreementEvent.class)).hasSize(9);
        assertThat(EventSwitch.leaves(ShelterEvent.class)).containsExactlyInAnyOrder(ShelterRegistered.class,
                ShelterProfileUpdated.class, ShelterArrivalsReported.class, ShelterRetired.class);
    }
}

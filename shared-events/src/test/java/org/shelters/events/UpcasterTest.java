package org.shelters.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shelters.events.shelters.ShelterArrivalsReported;
import tools.jackson.databind.node.ObjectNode;

/** How a breaking change ships: the catalog moves to v2 and an upcaster lets consumers keep reading v1. */
class UpcasterTest {

    private static final EventType<ShelterArrivalsReported> ARRIVALS_V2 =
            new EventType<>("ShelterArrivalsReported", 2, ShelterArrivalsReported.class, Topics.SHELTERS);

    /** Pretend v1 called the day's total "total" and v2 renamed it to "arrivals". */
    private static final Upcaster TOTAL_BECOMES_ARRIVALS = new Upcaster() {
        @Override
        public String type() {
            return "ShelterArrivalsReported";
        }

        @Override
        public int fromVersion() {
            return 1;
        }

        @Override
        public ObjectNode upcast(ObjectNode data) {
            data.set("arrivals", data.remove("total"));
            return data;
        }
    };

    private final EventJson consumer = new EventJson(new EventCatalog(ARRIVALS_V2), List.of(TOTAL_BECOMES_ARRIVALS));

    @Test
    void oneConsumerReadsAV1AndAV2EventIntoTheSameRecord() {
        ShelterArrivalsReported expected = SampleEvents.shelterArrivalsReported();

        EventEnvelope<EventPayload> fromV1 = consumer.read(v1Json());
        EventEnvelope<EventPayload> fromV2 = consumer.read(v2Json());

        assertThat(fromV1.data()).isEqualTo(expected);
        assertThat(fromV2.data()).isEqualTo(expected);
        assertThat(fromV1.dataschema()).isEqualTo(ARRIVALS_V2.dataschema());
    }

    @Test
    void aV1EventIsRejectedWhenNoUpcasterTakesItToTheCurrentVersion() {
        EventJson withoutUpcaster = new EventJson(new EventCatalog(ARRIVALS_V2), List.of());

        assertThatThrownBy(() -> withoutUpcaster.read(v1Json()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("no upcaster for ShelterArrivalsReported v1 -> v2");
    }

    @Test
    void anEventNewerThanTheConsumerKnowsIsRejected() {
        String v3 = v2Json().replace(":v2\"", ":v3\"");

        assertThatThrownBy(() -> consumer.read(v3))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("newer");
    }

    private static String v1Json() {
        ObjectNode event = event();
        event.put("dataschema", EventType.dataschema("ShelterArrivalsReported", 1).toString());
        ObjectNode data = (ObjectNode) event.get("data");
        data.set("total", data.remove("arrivals"));
        return event.toString();
    }

    private static String v2Json() {
        ObjectNode event = event();
        event.put("dataschema", ARRIVALS_V2.dataschema().toString());
        return event.toString();
    }

    private static ObjectNode event() {
        return (ObjectNode) EventJson.mapper().readTree(
                EventJson.DEFAULT.write(SampleEvents.envelope(SampleEvents.shelterArrivalsReported(), 3)));
    }
}

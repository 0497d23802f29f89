package org.shelters.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventJson;
import org.shelters.events.InvalidEventException;
import org.shelters.events.SampleEvents;
import org.shelters.events.shelters.ShelterArrivalsReported;
import tools.jackson.databind.node.ObjectNode;

class ReceivedEventDeserializerTest {

    @Test
    void withSchemaValidationANegativeCountIsRejectedThatTheRecordAloneWouldAccept() {
        byte[] negativeGirls = arrivalsWithNegativeGirls();
        ReceivedEventDeserializer validating = new ReceivedEventDeserializer();
        validating.configure(Map.of(ReceivedEventDeserializer.VALIDATE_SCHEMAS_CONFIG, "true"), false);
        ReceivedEventDeserializer lenient = new ReceivedEventDeserializer();
        lenient.configure(Map.of(), false);

        assertThatThrownBy(() -> validating.deserialize("shelters.v1", negativeGirls))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("girls");
        assertThat(((ShelterArrivalsReported) lenient.deserialize("shelters.v1", negativeGirls).envelope().data()).girls())
                .isEqualTo(-1);
    }

    @Test
    void withSchemaValidationAValidEventIsReadWithItsOriginalBytes() {
        ReceivedEventDeserializer validating = new ReceivedEventDeserializer();
        validating.configure(Map.of(ReceivedEventDeserializer.VALIDATE_SCHEMAS_CONFIG, true), false);

        for (var event : SampleEvents.oneOfEach()) {
            byte[] bytes = EventJson.DEFAULT.write(event);
            ReceivedEvent received = validating.deserialize("any", bytes);

            assertThat(received.envelope()).isEqualTo(event);
            assertThat(received.raw()).isSameAs(bytes);
        }
    }

    private static byte[] arrivalsWithNegativeGirls() {
        ObjectNode event = (ObjectNode) EventJson.mapper().readTree(
                EventJson.DEFAULT.write(SampleEvents.envelope(SampleEvents.shelterArrivalsReported(), 3)));
        ((ObjectNode) event.get("data")).put("girls", -1);
        return EventJson.mapper().writeValueAsBytes(event);
    }
}

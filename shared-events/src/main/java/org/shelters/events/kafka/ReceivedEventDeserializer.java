package org.shelters.events.kafka;

import org.apache.kafka.common.serialization.Deserializer;
import org.shelters.events.EventJson;

/**
 * Kafka value deserializer for events of the catalog. Throws {@link org.shelters.events.InvalidEventException}
 * for anything that is not a valid event, so wrap it in Spring Kafka's ErrorHandlingDeserializer:
 * the record then reaches the error handler, which dead-letters it with its original bytes.
 */
public class ReceivedEventDeserializer implements Deserializer<ReceivedEvent> {

    private final EventJson json;

    public ReceivedEventDeserializer() {
        this(EventJson.DEFAULT);
    }

    public ReceivedEventDeserializer(EventJson json) {
        this.json = json;
    }

    @Override
    public ReceivedEvent deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        return new ReceivedEvent(json.read(data), data);
    }
}

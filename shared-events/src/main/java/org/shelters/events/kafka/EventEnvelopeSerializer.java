package org.shelters.events.kafka;

import org.apache.kafka.common.serialization.Serializer;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventJson;

/** Kafka value serializer for events; also passes raw bytes through (dead letters, outbox). */
public class EventEnvelopeSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof ReceivedEvent received) {
            return received.raw();
        }
        if (value instanceof EventEnvelope<?> envelope) {
            return EventJson.DEFAULT.write(envelope);
        }
        if (value instanceof String text) {
            return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("cannot serialize " + value.getClass().getName() + " as an event");
    }
}

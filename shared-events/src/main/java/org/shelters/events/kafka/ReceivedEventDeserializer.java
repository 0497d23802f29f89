package org.shelters.events.kafka;

import org.apache.kafka.common.serialization.Deserializer;
import org.shelters.events.EventJson;

/**
 * Kafka value deserializer for events of the catalog. Throws {@link org.shelters.events.InvalidEventException}
 * for anything that is not a valid event, so wrap it in Spring Kafka's ErrorHandlingDeserializer:
 * the record then reaches the error handler, which dead-letters it with its original bytes.
 */
public class ReceivedEventDeserializer implements Deserializer<ReceivedEvent> {

    /** Consumer config key: validate every event against its shipped JSON Schema before reading it. */
    public static final String VALIDATE_SCHEMAS_CONFIG = "shelters.events.validate-schemas";

    private final EventJson json;
    private boolean validateSchemas;

    public ReceivedEventDeserializer() {
        this(EventJson.DEFAULT);
    }

    public ReceivedEventDeserializer(EventJson json) {
        this.json = json;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        Object validate = configs.get(VALIDATE_SCHEMAS_CONFIG);
        validateSchemas = validate != null && Boolean.parseBoolean(validate.toString());
    }

    @Override
    public ReceivedEvent deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        return new ReceivedEvent(json.read(data), data);
    }
}

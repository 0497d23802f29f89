package org.shelters.events.kafka;

import org.apache.kafka.common.serialization.Deserializer;
import org.shelters.events.EventCatalog;
import org.shelters.events.EventJson;
import org.shelters.events.EventSchemas;
import org.shelters.events.InvalidEventException;
import tools.jackson.databind.JsonNode;

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
    private EventSchemas schemas;

    public ReceivedEventDeserializer() {
        this(EventJson.DEFAULT);
    }

    public ReceivedEventDeserializer(EventJson json) {
        this.json = json;
    }

    /** Ready to use without {@link #configure}: {@code json} reads (with its upcasters), optionally after a schema check. */
    public ReceivedEventDeserializer(EventJson json, boolean validateSchemas) {
        this.json = json;
        enableValidation(validateSchemas);
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        Object validate = configs.get(VALIDATE_SCHEMAS_CONFIG);
        if (validate != null) {
            enableValidation(Boolean.parseBoolean(validate.toString()));
        }
    }

    private void enableValidation(boolean validate) {
        validateSchemas = validate;
        if (validate) {
            schemas = json.catalog() == EventCatalog.CURRENT ? EventSchemas.shared() : new EventSchemas(json.catalog());
        }
    }

    @Override
    public ReceivedEvent deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        JsonNode tree = EventJson.parse(data);
        if (validateSchemas) {
            // before reading: the schema also refuses what the record would accept (negative counts, bad codes)
            java.util.List<String> violations = schemas.validate(tree);
            if (!violations.isEmpty()) {
                throw new InvalidEventException("event breaks its schema: " + String.join("; ", violations));
            }
        }
        return new ReceivedEvent(json.read(tree), data);
    }
}

package org.shelters.events;

/**
 * A topic bound to its key and payload types. Keys are always the aggregate id (a String), so
 * only the payload type is a parameter: a consumer of {@code Topics.AGREEMENTS} can only ever
 * be handed an {@code AgreementEvent}. {@code keyField} names the payload field that holds the
 * aggregate id, which is the record key and the CloudEvents {@code subject}.
 */
public record Topic<P extends EventPayload>(String name, Class<P> payloadType, String keyField) {

    /** Poison records go here with their original bytes; partitions keep moving. */
    public String deadLetterTopic() {
        return name + "-dlt";
    }
}

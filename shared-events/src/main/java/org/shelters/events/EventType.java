package org.shelters.events;

import java.net.URI;

/**
 * One event type of the catalog: its name (the CloudEvents {@code type}), the version of its
 * payload schema, the payload record and the topic it travels on.
 *
 * <p>Evolution rule: adding an optional field keeps the version. Removing, renaming or changing
 * the meaning of a field is breaking: the version goes up, a new schema file is shipped next to
 * the old one, and an {@link Upcaster} turns old payloads into the new shape for consumers.
 */
public record EventType<T extends EventPayload>(String name, int version, Class<T> payloadType, Topic<? super T> topic) {

    public static <T extends EventPayload> EventType<T> of(Class<T> payloadType, Topic<? super T> topic) {
        return new EventType<>(payloadType.getSimpleName(), 1, payloadType, topic);
    }

    public SchemaId schemaId() {
        return SchemaId.of(name, version);
    }

    /** Where the JSON Schema of this version lives, relative to the classpath and to the repo. */
    public String schemaResource() {
        return schemaId().resource();
    }

    public URI dataschema() {
        return schemaId().urn();
    }

    public static URI dataschema(String name, int version) {
        return SchemaId.of(name, version).urn();
    }

    /** Reads the version back from a {@code dataschema} URI; 1 when absent or not ours. */
    public static int versionOf(URI dataschema) {
        return SchemaId.parse(dataschema).map(SchemaId::version).orElse(1);
    }
}

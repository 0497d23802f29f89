package org.shelters.events;

import java.net.URI;
import java.util.Optional;

/**
 * The identity of one shipped JSON Schema, {@code urn:shelters:schema:<name>:v<version>}, which is
 * also an event's {@code dataschema}, parsed in this one place. It maps to the classpath resource
 * {@code schemas/<name>.v<version>.schema.json}; shared definitions without a version
 * ({@code urn:shelters:schema:common:v1}) follow the same rule.
 */
public record SchemaId(String name, int version) {

    public static final String URN_PREFIX = "urn:shelters:schema:";

    public static SchemaId of(String name, int version) {
        return new SchemaId(name, version);
    }

    /** Reads {@code urn:shelters:schema:<name>:v<n>} (a {@code #fragment} is ignored); empty when not one of ours. */
    public static Optional<SchemaId> parse(String urn) {
        if (urn == null || !urn.startsWith(URN_PREFIX)) {
            return Optional.empty();
        }
        int hash = urn.indexOf('#');
        String rest = (hash < 0 ? urn : urn.substring(0, hash)).substring(URN_PREFIX.length());
        int at = rest.lastIndexOf(":v");
        if (at <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SchemaId(rest.substring(0, at), Integer.parseInt(rest.substring(at + 2))));
        } catch (NumberFormatException notAVersion) {
            return Optional.empty();
        }
    }

    public static Optional<SchemaId> parse(URI uri) {
        return uri == null ? Optional.empty() : parse(uri.toString());
    }

    public URI urn() {
        return URI.create(URN_PREFIX + name + ":v" + version);
    }

    /** Where the schema lives, relative to the classpath and to {@code src/main/resources}. */
    public String resource() {
        return "schemas/" + name + ".v" + version + ".schema.json";
    }
}

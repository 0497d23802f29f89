package org.shelters.events;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.shelters.events.logistics.DeliveredLine;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Validates whole events (envelope + data) against the JSON Schemas shipped in {@code schemas/}.
 *
 * <p>Schemas are identified by their {@code $id}, {@code urn:shelters:schema:<Name>:v<version>}, which
 * is also the event's {@code dataschema}; that URN is resolved to the classpath resource
 * {@code schemas/<Name>.v<version>.schema.json} (see {@link EventType#schemaResource(String, int)}), so
 * the envelope and shared definitions are found without any network access.
 *
 * <p>An event is checked against the schema of the version its {@code dataschema} names (an older
 * version is still valid input: the {@link Upcaster}s take it from there), else against the catalog's
 * current version. Beyond JSON Schema, two rules it cannot express are checked here: {@code subject}
 * is the payload's aggregate id, and on every delivered line accepted + rejected = shipped.
 *
 * <p>Thread-safe; schemas of the catalog are loaded once, up front. Meant to be called per consumed
 * record.
 */
public final class EventSchemas {

    private static final String URN_PREFIX = SchemaId.URN_PREFIX;
    private static final String ENVELOPE_ID = SchemaId.of("envelope", 1).urn().toString();

    private static final class Shared {
        static final EventSchemas INSTANCE = new EventSchemas(EventCatalog.CURRENT);
    }

    private final EventCatalog catalog;
    private final SchemaRegistry registry;
    private final Schema envelope;
    private final ConcurrentMap<String, Optional<Schema>> byId = new ConcurrentHashMap<>();

    /** Schemas for the events of {@code catalog}; each catalog version must have its schema file. */
    public EventSchemas(EventCatalog catalog) {
        this.catalog = catalog;
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                .schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .pathType(PathType.JSON_PATH)
                        .build())
                .schemaIdResolvers(resolvers -> resolvers.mappings(
                        id -> id.startsWith(URN_PREFIX), EventSchemas::classpathLocation)));
        this.envelope = load(ENVELOPE_ID).orElseThrow(() -> new IllegalStateException("no envelope schema"));
        for (EventType<?> type : catalog.types()) {
            String id = type.dataschema().toString();
            if (schema(id).isEmpty()) {
                throw new IllegalStateException("no JSON Schema " + type.schemaResource() + " for " + type.name()
                        + " v" + type.version());
            }
        }
    }

    /** The schemas of {@link EventCatalog#CURRENT}, loaded once per JVM. */
    public static EventSchemas shared() {
        return Shared.INSTANCE;
    }

    /**
     * @param eventJson the Kafka record value: one CloudEvent in structured JSON mode
     * @return human-readable violations, each naming the JSON path it is about; empty when valid
     */
    public List<String> validate(byte[] eventJson) {
        if (eventJson == null) {
            return List.of("$: an event is required, got no bytes");
        }
        JsonNode tree;
        try {
            tree = EventJson.mapper().readTree(eventJson);
        } catch (JacksonException e) {
            return List.of("$: not JSON: " + e.getOriginalMessage());
        }
        return validate(tree);
    }

    /** Same as {@link #validate(byte[])}, for an event already parsed with {@link EventJson#mapper()}. */
    public List<String> validate(JsonNode event) {
        if (event == null || !event.isObject()) {
            return List.of("$: an event must be a JSON object");
        }
        JsonNode typeNode = event.get("type");
        if (typeNode == null || !typeNode.isString()) {
            return describe(envelope.validate(event));
        }
        String typeName = typeNode.asString();
        Optional<EventType<?>> type = catalog.find(typeName);
        if (type.isEmpty()) {
            Set<String> violations = new LinkedHashSet<>();
            violations.add("$.type: unknown event type '" + typeName + "'");
            violations.addAll(describe(envelope.validate(event)));
            return List.copyOf(violations);
        }
        int version = versionNamed(event, type.get());
        if (version > type.get().version()) {
            return List.of("$.dataschema: " + typeName + " v" + version + " is newer than this consumer knows (v"
                    + type.get().version() + ")");
        }
        String schemaId = EventType.dataschema(typeName, version).toString();
        Optional<Schema> schema = schema(schemaId);
        if (schema.isEmpty()) {
            return List.of("$.dataschema: no schema " + SchemaId.of(typeName, version).resource() + " for "
                    + typeName + " v" + version);
        }
        List<String> violations = new ArrayList<>(describe(schema.get().validate(event)));
        violations.addAll(invariants(event, type.get()));
        return List.copyOf(violations);
    }

    /** Throws {@link InvalidEventException} listing the violations, if any. */
    public void requireValid(byte[] eventJson) {
        List<String> violations = validate(eventJson);
        if (!violations.isEmpty()) {
            throw new InvalidEventException("event breaks its schema: " + String.join("; ", violations));
        }
    }

    private Optional<Schema> schema(String id) {
        return byId.computeIfAbsent(id, this::load);
    }

    private Optional<Schema> load(String id) {
        String resource = classpathLocation(id).substring("classpath:".length());
        if (EventSchemas.class.getClassLoader().getResource(resource) == null) {
            return Optional.empty();
        }
        try {
            Schema schema = registry.getSchema(SchemaLocation.of(id));
            // resolves every $ref now, so validation never loads or parses anything later
            schema.initializeValidators();
            return Optional.of(schema);
        } catch (SchemaException e) {
            throw new IllegalStateException("broken JSON Schema " + resource + ": " + e.getMessage(), e);
        }
    }

    /** {@code urn:shelters:schema:<Name>:v<n>[#...]} -> {@code classpath:schemas/<Name>.v<n>.schema.json[#...]}. */
    static String classpathLocation(String id) {
        int hash = id.indexOf('#');
        String fragment = hash < 0 ? "" : id.substring(hash);
        return SchemaId.parse(id).map(schema -> "classpath:" + schema.resource() + fragment)
                .orElse("classpath:schemas/" + id.substring(URN_PREFIX.length()));
    }

    private static int versionNamed(JsonNode event, EventType<?> type) {
        JsonNode dataschema = event.get("dataschema");
        if (dataschema == null || !dataschema.isString()) {
            return type.version();
        }
        // not ours, or another type's: the schema's const on dataschema reports it
        return SchemaId.parse(dataschema.asString()).filter(schema -> schema.name().equals(type.name()))
                .map(SchemaId::version).orElse(type.version());
    }

    private static List<String> describe(List<Error> errors) {
        Set<String> lines = new LinkedHashSet<>();
        for (Error error : errors) {
            String location = error.getInstanceLocation() == null ? "$" : error.getInstanceLocation().toString();
            String message = error.getMessage();
            lines.add(message.startsWith(location) ? message : location + ": " + message);
        }
        return List.copyOf(lines);
    }

    /** The rules JSON Schema cannot express. */
    private static List<String> invariants(JsonNode event, EventType<?> type) {
        List<String> violations = new ArrayList<>();
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            return violations;
        }
        String idField = type.topic().keyField();
        JsonNode subject = event.get("subject");
        JsonNode aggregateId = idField == null ? null : data.get(idField);
        if (subject != null && subject.isString() && aggregateId != null && aggregateId.isString()
                && !subject.asString().equals(aggregateId.asString())) {
            violations.add("$.subject: '" + subject.asString() + "' is not the aggregate id data." + idField + " '"
                    + aggregateId.asString() + "'");
        }
        JsonNode lines = data.get("lines");
        if (lines != null && lines.isArray()) {
            for (int i = 0; i < lines.size(); i++) {
                JsonNode line = lines.get(i);
                int index = i;
                if (line.has("quantityShipped")) {
                    // presence, signs and the reason are the schema's; the sum is the one rule it cannot say
                    DeliveredLine.check(decimal(line, "quantityShipped"), decimal(line, "quantityAccepted"),
                                    decimal(line, "quantityRejected"), true).stream()
                            .filter(breach -> breach.field().equals(DeliveredLine.SUM_FIELD))
                            .forEach(breach -> violations.add("$.data.lines[" + index + "]: " + breach.message()));
                }
            }
        }
        return violations;
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.decimalValue() : null;
    }
}

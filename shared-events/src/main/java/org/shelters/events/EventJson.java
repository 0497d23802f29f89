package org.shelters.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON configuration for events, used by producers, consumers, tests and the outbox.
 * Jackson 3 (Boot 4's default). We do not use the CloudEvents SDK's Jackson 2 codec so that
 * there is a single JSON stack; the envelope is checked against the CloudEvents attributes by
 * the shipped JSON Schema instead.
 */
public final class EventJson {

    public static final EventJson DEFAULT = new EventJson(EventCatalog.CURRENT, List.of());

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // read() goes through a tree: without this, 85000.00 comes back as the double 85000.0 (scale and
            // digits beyond 17 lost), so money and quantities would not survive a round trip
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private final EventCatalog catalog;
    private final List<Upcaster> upcasters;

    public EventJson(EventCatalog catalog, List<Upcaster> upcasters) {
        this.catalog = catalog;
        this.upcasters = List.copyOf(upcasters);
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public EventCatalog catalog() {
        return catalog;
    }

    public List<Upcaster> upcasters() {
        return upcasters;
    }

    public byte[] write(EventEnvelope<?> envelope) {
        return MAPPER.writeValueAsBytes(envelope);
    }

    public String writeAsString(EventEnvelope<?> envelope) {
        return MAPPER.writeValueAsString(envelope);
    }

    public EventEnvelope<EventPayload> read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads any event of the catalog, upcasting older payload versions first.
     *
     * @throws InvalidEventException when the bytes are not an event we can ever process
     */
    public EventEnvelope<EventPayload> read(byte[] bytes) {
        return read(parse(bytes));
    }

    /** Parses bytes into a tree once, for callers that also validate the tree before reading it. */
    public static JsonNode parse(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads an event already parsed with {@link #parse}. */
    public EventEnvelope<EventPayload> read(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException("an event must be a JSON object");
        }
        String typeName = text(tree, "type");
        EventType<?> type = catalog.find(typeName).orElseThrow(() -> new UnknownEventTypeException(typeName));
        JsonNode data = tree.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidEventException(typeName + ": data must be a JSON object");
        }
        URI dataschema = tree.hasNonNull("dataschema") ? URI.create(tree.get("dataschema").asString()) : null;
        ObjectNode payloadTree = upcast(type, EventType.versionOf(dataschema), (ObjectNode) data);
        try {
            EventPayload payload = MAPPER.treeToValue(payloadTree, type.payloadType());
            return new EventEnvelope<>(
                    text(tree, "specversion"),
                    UUID.fromString(text(tree, "id")),
                    URI.create(text(tree, "source")),
                    typeName,
                    text(tree, "subject"),
                    Instant.parse(text(tree, "time")),
                    optionalText(tree, "datacontenttype"),
                    type.dataschema(),
                    tree.path("sequence").asLong(0),
                    optionalText(tree, "correlationid"),
                    optionalText(tree, "causationid"),
                    tree.hasNonNull("recordedtime") ? Instant.parse(tree.get("recordedtime").asString()) : null,
                    optionalText(tree, "traceparent"),
                    optionalText(tree, "actorid"),
                    optionalText(tree, "actorrole"),
                    payload);
        } catch (JacksonException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new InvalidEventException(typeName + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode upcast(EventType<?> type, int fromVersion, ObjectNode data) {
        ObjectNode current = data;
        for (int version = fromVersion; version < type.version(); version++) {
            int from = version;
            Upcaster step = upcasters.stream()
                    .filter(u -> u.type().equals(type.name()) && u.fromVersion() == from)
                    .findFirst()
                    .orElseThrow(() -> new InvalidEventException(
                            "no upcaster for " + type.name() + " v" + from + " -> v" + (from + 1)));
            current = step.upcast(current.deepCopy());
        }
        if (fromVersion > type.version()) {
            throw new InvalidEventException(type.name() + " v" + fromVersion + " is newer than this consumer knows (v"
                    + type.version() + ")");
        }
        return current;
    }

    private static String text(JsonNode tree, String field) {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull() || !node.isString()) {
            throw new InvalidEventException("missing or non-text attribute '" + field + "'");
        }
        return node.asString();
    }

    private static String optionalText(JsonNode tree, String field) {
        JsonNode node = tree.get(field);
        return node == null || node.isNull() ? null : node.asString();
    }

}

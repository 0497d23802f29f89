package org.shelters.testsupport;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A plausible body for a schema: every property present (optional ones too, so their hostile
 * variants are exercised), one item per array, the first enum value, dates of yesterday. A value
 * the caller knows better (a real shelter id, a currency code) is taken from {@code examples} by
 * property name, so each hostile variant is as close as possible to a request the service would
 * accept and the one field made hostile is what it must refuse.
 */
final class BaselineBodies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 12;

    private final Map<String, ?> examples;
    private final LocalDate day;

    BaselineBodies(Map<String, ?> examples) {
        this.examples = examples;
        // yesterday in UTC is not in the future in any time zone a service may count days in
        this.day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    }

    JsonNode of(JsonNode schema) {
        return value(schema, null, 0);
    }

    private JsonNode value(JsonNode schema, String property, int depth) {
        if (property != null && examples.containsKey(property)) {
            return JsonMapper.shared().valueToTree(examples.get(property));
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("default") && !schema.get("default").isNull()) {
            return schema.get("default");
        }
        String type = MutatingOperations.type(schema);
        if (type == null || depth > MAX_DEPTH) {
            return NODES.stringNode("probe");
        }
        return switch (type) {
            case "object" -> object(schema, depth);
            case "array" -> array(schema, property, depth);
            case "integer" -> NODES.numberNode(schema.path("minimum").asLong(1) > 1 ? schema.path("minimum").asLong() : 1);
            case "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(false);
            default -> text(schema);
        };
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode object = NODES.objectNode();
        schema.path("properties").properties()
                .forEach(e -> object.set(e.getKey(), value(e.getValue(), e.getKey(), depth + 1)));
        return object;
    }

    private ArrayNode array(JsonNode schema, String property, int depth) {
        ArrayNode array = NODES.arrayNode();
        int items = Math.max(1, schema.path("minItems").asInt(1));
        for (int i = 0; i < items; i++) {
            // an example for the array's own name is for the array; its items are built from their schema
            array.add(value(schema.path("items"), null, depth + 1));
        }
        return array;
    }

    private JsonNode text(JsonNode schema) {
        if (schema.has("enum") && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0);
        }
        String format = schema.path("format").asString("");
        return NODES.stringNode(switch (format) {
            case "date" -> day.toString();
            case "date-time" -> day + "T12:00:00Z";
            case "uuid" -> "00000000-0000-4000-8000-000000000001";
            case "email" -> "probe@example.org";
            case "uri" -> "https://example.org/probe";
            default -> "probe".repeat(Math.max(1, (schema.path("minLength").asInt(1) + 4) / 5));
        });
    }
}

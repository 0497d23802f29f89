package org.shelters.testsupport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The mutating operations (POST, PUT, PATCH, DELETE) of an OpenAPI 3 document, with their path
 * parameters and their request body schema resolved: {@code $ref}s into {@code components/schemas}
 * are followed and {@code allOf}s merged, so {@link HostileVariants} walks plain schemas.
 */
final class MutatingOperations {

    private static final List<String> METHODS = List.of("post", "put", "patch", "delete");
    /** Self-referencing schemas end here instead of recursing forever. */
    private static final int MAX_DEPTH = 12;

    /** One operation; {@code bodySchema} is null when it takes no body. */
    record Operation(String method, String path, List<String> pathParameters, JsonNode bodySchema, boolean bodyRequired) {

        String name() {
            return method + " " + path;
        }

        boolean hasBody() {
            return bodySchema != null;
        }
    }

    private final JsonNode document;

    private MutatingOperations(JsonNode document) {
        this.document = document;
    }

    static List<Operation> of(JsonNode document) {
        return new MutatingOperations(document).operations();
    }

    private List<Operation> operations() {
        List<Operation> found = new ArrayList<>();
        JsonNode paths = document.path("paths");
        for (String path : paths.propertyNames()) {
            JsonNode item = paths.get(path);
            for (String method : METHODS) {
                JsonNode operation = item.get(method);
                if (operation != null) {
                    found.add(operation(method.toUpperCase(Locale.ROOT), path, item, operation));
                }
            }
        }
        // the document's own order is a map's order; sorting keeps a seeded run the same run
        found.sort(Comparator.comparing(Operation::path).thenComparing(Operation::method));
        return List.copyOf(found);
    }

    private Operation operation(String method, String path, JsonNode item, JsonNode operation) {
        Set<String> pathParameters = new LinkedHashSet<>();
        for (JsonNode parameters : List.of(item.path("parameters"), operation.path("parameters"))) {
            for (JsonNode parameter : parameters) {
                JsonNode resolved = resolveRef(parameter, 0);
                if ("path".equals(resolved.path("in").asString(""))) {
                    pathParameters.add(resolved.path("name").asString());
                }
            }
        }
        // a template variable the document forgot to declare is still a path parameter
        java.util.regex.Matcher variables = java.util.regex.Pattern.compile("\\{([^}/]+)}").matcher(path);
        while (variables.find()) {
            pathParameters.add(variables.group(1));
        }
        JsonNode body = resolveRef(operation.path("requestBody"), 0);
        JsonNode schema = null;
        if (!body.isMissingNode()) {
            JsonNode content = body.path("content");
            JsonNode json = content.has("application/json") ? content.get("application/json")
                    : content.properties().stream().filter(e -> e.getKey().contains("json")).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            if (json != null) {
                schema = schema(json.path("schema"), 0);
            }
        }
        return new Operation(method, path, List.copyOf(pathParameters), schema, body.path("required").asBoolean(false));
    }

    /** A schema with every {@code $ref} and {@code allOf} resolved, down to {@link #MAX_DEPTH} levels. */
    private JsonNode schema(JsonNode schema, int depth) {
        JsonNode resolved = resolveRef(schema, depth);
        if (depth >= MAX_DEPTH || !resolved.isObject()) {
            return resolved;
        }
        ObjectNode copy = ((ObjectNode) resolved).deepCopy();
        if (copy.has("allOf")) {
            ObjectNode properties = copy.putObject("properties");
            ArrayNode required = copy.putArray("required");
            for (JsonNode part : resolved.get("allOf")) {
                JsonNode partSchema = schema(part, depth + 1);
                partSchema.path("properties").properties().forEach(e -> properties.set(e.getKey(), e.getValue()));
                partSchema.path("required").forEach(required::add);
                if (partSchema.has("type") && !copy.has("type")) {
                    copy.set("type", partSchema.get("type"));
                }
            }
            copy.remove("allOf");
        }
        for (String alternatives : List.of("oneOf", "anyOf")) {
            if (copy.has(alternatives) && !copy.get(alternatives).isEmpty()) {
                // any alternative would do for a baseline; the first is as plausible as the others
                return schema(copy.get(alternatives).get(0), depth + 1);
            }
        }
        if (copy.has("properties")) {
            Map<String, JsonNode> properties = new LinkedHashMap<>();
            copy.get("properties").properties().forEach(e -> properties.put(e.getKey(), schema(e.getValue(), depth + 1)));
            ObjectNode resolvedProperties = copy.putObject("properties");
            properties.forEach(resolvedProperties::set);
        }
        if (copy.has("items")) {
            copy.set("items", schema(copy.get("items"), depth + 1));
        }
        return copy;
    }

    private JsonNode resolveRef(JsonNode node, int depth) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < MAX_DEPTH; hops++) {
            String ref = current.get("$ref").asString();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local $refs are supported, not " + ref);
            }
            current = document.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalArgumentException("unresolvable $ref " + ref);
            }
        }
        return current;
    }

    /** The type of a schema, also for OpenAPI 3.1's {@code type: [string, "null"]}; null when untyped. */
    static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asString())) {
                    return t.asString();
                }
            }
            return null;
        }
        if (type.isString()) {
            return type.asString();
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        return schema.has("enum") ? "string" : null;
    }

    /** Whether the schema admits JSON null (3.0 {@code nullable}, 3.1 {@code "null"} in the type list). */
    static boolean nullable(JsonNode schema) {
        if (schema.path("nullable").asBoolean(false)) {
            return true;
        }
        for (JsonNode t : schema.path("type")) {
            if ("null".equals(t.asString())) {
                return true;
            }
        }
        return false;
    }

    static JsonNode parse(String json) {
        return JsonMapper.shared().readTree(json);
    }
}

package org.shelters.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every hostile variant of one operation, each invalid by construction against the operation's
 * OpenAPI contract or the platform's edge rules — never "an optional field left out" or "another
 * valid number" — so any 2xx is a defect. Per field (recursively, array items too): wrong JSON
 * types, numbers no service can hold, control characters and over-long text, unknown enum
 * values, impossible dates, null or missing required fields. Per request: malformed, truncated,
 * empty or non-object bodies, bodies that are not JSON by their Content-Type, an Accept that
 * excludes JSON, a body over 300 KB. Per path parameter: ids with encoded separators, NUL,
 * invalid escapes, 300 characters, or unknown. The {@link Random} picks the details (where a
 * control character goes, which wrong value), so each pass over the variants differs.
 */
final class HostileVariants {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Stands for a raw JSON token (e.g. {@code 1e9999999}) that no JsonNode can hold; replaced after writing. */
    private static final String RAW = "\u0001hostile-raw\u0001";
    private static final String RAW_QUOTED = JSON.writeValueAsString(RAW);
    static final int OVERSIZED_BODY = 310 * 1024;
    static final int LONG_TEXT = 20_000;
    static final int LONG_ID = 300;

    private static final List<String> HOSTILE_DATES = List.of("-0001-01-01", "+10000-01-01", "2026-02-30", "not-a-date");
    private static final List<String> HOSTILE_DATE_TIMES = List.of("-0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
            "2026-02-30T10:00:00Z", "not-a-date");
    private static final List<String> NOT_JSON_CONTENT_TYPES = List.of("application/yaml", "text/plain",
            "application/x-www-form-urlencoded");
    private static final List<String> NOT_JSON_ACCEPTS = List.of("application/xml", "text/html", "image/png", "text/csv");
    private static final String[] WORDS = {"seven", "probe", "many", "none", "lots", "abc"};

    private final MutatingOperations.Operation operation;
    private final JsonNode baseline;
    private final Map<String, String> pathValues;
    private final Random random;
    private final List<HostileRequest> found = new ArrayList<>();

    private HostileVariants(MutatingOperations.Operation operation, JsonNode baseline, Map<String, String> pathValues,
                            Random random) {
        this.operation = operation;
        this.baseline = baseline;
        this.pathValues = pathValues;
        this.random = random;
    }

    /** @param baseline the plausible body of the operation, null when it takes none */
    static List<HostileRequest> of(MutatingOperations.Operation operation, JsonNode baseline, Map<String, String> pathValues,
                                   Random random) {
        HostileVariants variants = new HostileVariants(operation, baseline, pathValues, random);
        if (operation.hasBody()) {
            variants.field(operation.bodySchema(), new ArrayList<>(), Slot.ROOT);
            variants.wholeBody();
        }
        variants.headers();
        variants.paths();
        return List.copyOf(variants.found);
    }

    // ------------------------------------------------------------------ fields

    private enum Slot { ROOT, REQUIRED_PROPERTY, OPTIONAL_PROPERTY, ITEM }

    private void field(JsonNode schema, List<Object> at, Slot slot) {
        String type = MutatingOperations.type(schema);
        JsonNode current = at.isEmpty() ? baseline : nodeAt(baseline, at);
        if (type == null || current == null) {
            return;
        }
        if (slot != Slot.ROOT) {
            wrongTypes(type, schema, at);
            extremes(type, schema, at, current);
            boolean mustBeThere = slot == Slot.REQUIRED_PROPERTY || slot == Slot.ITEM;
            if (mustBeThere && !MutatingOperations.nullable(schema)) {
                body(at, "null", NODES.nullNode());
            }
            if (slot == Slot.REQUIRED_PROPERTY) {
                removed(at);
            }
        }
        if ("object".equals(type)) {
            Set<String> required = new HashSet<>();
            schema.path("required").forEach(name -> required.add(name.asString()));
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                List<Object> next = append(at, property.getKey());
                field(property.getValue(), next, required.contains(property.getKey()) ? Slot.REQUIRED_PROPERTY
                        : Slot.OPTIONAL_PROPERTY);
            }
        } else if ("array".equals(type)) {
            if (schema.path("minItems").asInt(0) >= 1) {
                body(at, "[] (minItems " + schema.get("minItems").asInt() + ")", NODES.arrayNode());
            }
            if (current.isArray() && !current.isEmpty() && schema.has("items")) {
                field(schema.get("items"), append(at, random.nextInt(current.size())), Slot.ITEM);
            }
        }
    }

    /**
     * A value of every JSON type the schema does not allow, including the ones a lenient parser
     * coerces ({@code "7"} for a number, {@code 1} for a boolean, {@code 0} for an enum): the
     * contract says which JSON type a field is, and an edge that guesses accepts what no client meant.
     */
    private void wrongTypes(String type, JsonNode schema, List<Object> at) {
        JsonNode word = NODES.stringNode(WORDS[random.nextInt(WORDS.length)]);
        JsonNode integer = NODES.numberNode(random.nextInt(10));
        JsonNode bool = NODES.booleanNode(random.nextBoolean());
        ObjectNode object = NODES.objectNode();
        if (random.nextBoolean()) {
            object.put("value", "probe");
        }
        ArrayNode array = NODES.arrayNode();
        switch (type) {
            case "string" -> {
                body(at, "number", integer);
                body(at, "boolean", bool);
                body(at, "object", object);
                body(at, "array", array.add(nodeAt(baseline, at)));
            }
            case "integer" -> {
                body(at, "text", word);
                body(at, "number as text", NODES.stringNode(String.valueOf(1 + random.nextInt(9))));
                body(at, "fraction", NODES.numberNode(new java.math.BigDecimal(random.nextInt(9) + 1 + ".5")));
                body(at, "boolean", bool);
                body(at, "object", object);
                body(at, "array", array.add(1));
            }
            case "number" -> {
                body(at, "text", word);
                body(at, "number as text", NODES.stringNode(String.valueOf(1 + random.nextInt(9))));
                body(at, "boolean", bool);
                body(at, "object", object);
                body(at, "array", array.add(1));
            }
            case "boolean" -> {
                body(at, "text", NODES.stringNode("maybe"));
                body(at, "boolean as text", NODES.stringNode(String.valueOf(random.nextBoolean())));
                body(at, "number", NODES.numberNode(random.nextInt(2)));
                body(at, "object", object);
                body(at, "array", array.add(true));
            }
            case "object" -> {
                body(at, "text", word);
                body(at, "number", integer);
                body(at, "boolean", bool);
                body(at, "array", random.nextBoolean() ? array : array.add(nodeAt(baseline, at)));
            }
            case "array" -> {
                body(at, "text", word);
                body(at, "number", integer);
                body(at, "boolean", bool);
                body(at, "object", object);
            }
            default -> {
            }
        }
    }

    private void extremes(String type, JsonNode schema, List<Object> at, JsonNode current) {
        switch (type) {
            case "integer", "number" -> {
                raw(at, "1e9999999");
                raw(at, "-1e9999999");
                raw(at, "1e-7000");
                raw(at, digits(40));
                raw(at, "-" + digits(40));
                if ("integer".equals(type)) {
                    String format = schema.path("format").asString("");
                    if (format.equals("int32")) {
                        raw(at, "2147483648");
                        raw(at, "-2147483649");
                    } else if (format.equals("int64")) {
                        raw(at, "9223372036854775808");
                        raw(at, "-9223372036854775809");
                    }
                }
                if (schema.has("minimum")) {
                    raw(at, schema.get("minimum").decimalValue().subtract(java.math.BigDecimal.ONE).toPlainString());
                }
                if (schema.has("maximum")) {
                    raw(at, schema.get("maximum").decimalValue().add(java.math.BigDecimal.ONE).toPlainString());
                }
            }
            case "string" -> strings(schema, at, current);
            default -> {
            }
        }
    }

    private void strings(JsonNode schema, List<Object> at, JsonNode current) {
        String format = schema.path("format").asString("");
        if (schema.has("enum")) {
            List<String> allowed = new ArrayList<>();
            schema.get("enum").forEach(v -> allowed.add(v.asString()));
            String first = allowed.isEmpty() ? "VALUE" : allowed.get(0);
            body(at, "unknown enum value", NODES.stringNode("NOT_" + first + "_" + random.nextInt(1000)));
            String lower = first.toLowerCase(Locale.ROOT);
            if (!allowed.contains(lower)) {
                body(at, "enum value in another case", NODES.stringNode(lower));
            }
            body(at, "empty enum value", NODES.stringNode(""));
            return;
        }
        if (format.equals("date")) {
            HOSTILE_DATES.forEach(d -> body(at, "date " + d, NODES.stringNode(d)));
            return;
        }
        if (format.equals("date-time")) {
            HOSTILE_DATE_TIMES.forEach(d -> body(at, "date-time " + d, NODES.stringNode(d)));
            return;
        }
        String text = current.isString() && !current.asString().isEmpty() ? current.asString() : "probe";
        for (char control : new char[] {'\u0000', '\u0007'}) {
            int where = random.nextInt(text.length() + 1);
            body(at, String.format("text with \\u%04x", (int) control),
                    NODES.stringNode(text.substring(0, where) + control + text.substring(where)));
        }
        body(at, "text of " + LONG_TEXT + " characters", NODES.stringNode(letters(LONG_TEXT)));
        int minLength = schema.path("minLength").asInt(0);
        if (minLength > 0) {
            body(at, "text shorter than minLength " + minLength, NODES.stringNode("x".repeat(minLength - 1)));
        }
        if (schema.has("maxLength")) {
            int max = schema.get("maxLength").asInt();
            body(at, "text longer than maxLength " + max, NODES.stringNode(letters(max + 1)));
        }
    }

    private void removed(List<Object> at) {
        JsonNode copy = baseline.deepCopy();
        JsonNode parent = at.size() == 1 ? copy : nodeAt(copy, at.subList(0, at.size() - 1));
        if (parent instanceof ObjectNode object) {
            object.remove((String) at.get(at.size() - 1));
            add(name(at) + " removed (required)", jsonRequest(bytes(JSON.writeValueAsString(copy))));
        }
    }

    /** The baseline with the value at {@code at} replaced. */
    private void body(List<Object> at, String what, JsonNode value) {
        add(name(at) + " = " + what, jsonRequest(bytes(JSON.writeValueAsString(replaced(at, value)))));
    }

    /** The baseline with a raw JSON token at {@code at}, e.g. a number no double can hold. */
    private void raw(List<Object> at, String token) {
        String json = JSON.writeValueAsString(replaced(at, NODES.stringNode(RAW))).replace(RAW_QUOTED, token);
        add(name(at) + " = " + (token.length() > 24 ? token.substring(0, 12) + "...(" + token.length() + " chars)" : token),
                jsonRequest(bytes(json)));
    }

    private JsonNode replaced(List<Object> at, JsonNode value) {
        JsonNode copy = baseline.deepCopy();
        JsonNode parent = at.size() == 1 ? copy : nodeAt(copy, at.subList(0, at.size() - 1));
        Object last = at.get(at.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set((String) last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set((Integer) last, value);
        }
        return copy;
    }

    // ------------------------------------------------------------------ the request as a whole

    private void wholeBody() {
        String json = JSON.writeValueAsString(baseline);
        add("malformed JSON: single quotes", jsonRequest(bytes(json.replace('"', '\''))));
        add("malformed JSON: trailing comma", jsonRequest(bytes(json.substring(0, json.length() - 1) + ",}")));
        add("malformed JSON: trailing garbage", jsonRequest(bytes(json + "}")));
        add("malformed JSON: comment", jsonRequest(bytes("/* hostile */" + json)));
        add("malformed JSON: unquoted key", jsonRequest(bytes(json.length() > 2 ? json.replaceFirst("\"([^\"]+)\":", "$1:")
                : "{probe:1}")));
        add("malformed JSON: unterminated string", jsonRequest(bytes("{\"probe")));
        add("malformed JSON: invalid UTF-8", jsonRequest(invalidUtf8(json)));
        add("truncated JSON", jsonRequest(bytes(json.substring(0, 1 + random.nextInt(json.length() - 1)))));
        if (operation.bodyRequired()) {
            add("empty body", jsonRequest(new byte[0]));
            add("JSON null instead of the body", jsonRequest(bytes("null")));
        }
        add("JSON array instead of an object", jsonRequest(bytes("[" + json + "]")));
        add("empty JSON array instead of an object", jsonRequest(bytes("[]")));
        add("JSON text instead of an object", jsonRequest(bytes("\"probe\"")));
        add("JSON number instead of an object", jsonRequest(bytes(String.valueOf(random.nextInt(100)))));
    }

    private static byte[] invalidUtf8(String json) {
        byte[] start = bytes("{\"");
        byte[] bad = {(byte) 0xC3, (byte) 0x28};
        byte[] rest = bytes("\":1" + (json.length() > 2 ? "," + json.substring(1) : "}"));
        byte[] all = new byte[start.length + bad.length + rest.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(bad, 0, all, start.length, bad.length);
        System.arraycopy(rest, 0, all, start.length + bad.length, rest.length);
        return all;
    }

    /** Header variants apply to every operation, with or without a body of its own. */
    private void headers() {
        byte[] body = bytes(operation.hasBody() ? JSON.writeValueAsString(baseline) : "{}");
        for (String contentType : NOT_JSON_CONTENT_TYPES) {
            add("Content-Type " + contentType + " with a JSON body", request(realPath(), Map.of("Accept",
                    "application/json", "Content-Type", contentType), body, false));
        }
        add("no Content-Type with a JSON body", request(realPath(), Map.of("Accept", "application/json"), body, false));
        byte[] acceptBody = operation.hasBody() ? body : null;
        for (String accept : NOT_JSON_ACCEPTS) {
            Map<String, String> headers = acceptBody == null ? Map.of("Accept", accept)
                    : Map.of("Accept", accept, "Content-Type", "application/json");
            add("Accept " + accept, request(realPath(), headers, acceptBody, false));
        }
        ObjectNode oversized = operation.hasBody() && baseline instanceof ObjectNode object ? object.deepCopy() : NODES.objectNode();
        oversized.put("padding", letters(OVERSIZED_BODY));
        add("body over 300 KB", jsonRequest(bytes(JSON.writeValueAsString(oversized))));
    }

    // ------------------------------------------------------------------ path parameters

    private void paths() {
        byte[] body = operation.hasBody() ? bytes(JSON.writeValueAsString(baseline)) : null;
        Map<String, String> headers = body == null ? Map.of("Accept", "application/json")
                : Map.of("Accept", "application/json", "Content-Type", "application/json");
        for (String parameter : operation.pathParameters()) {
            Map<String, String> ids = new LinkedHashMap<>();
            ids.put("encoded slash", "probe%2Fid");
            ids.put("encoded backslash", "probe%5Cid");
            ids.put("encoded NUL", "probe%00id");
            ids.put("invalid escape", "probe%ZZid");
            ids.put("encoded traversal", "..%2F..%2Fprobe");
            ids.put("bare percent", "%");
            ids.put(LONG_ID + "-character id", letters(LONG_ID));
            ids.put("unknown id", "unknown-" + Long.toHexString(random.nextLong()));
            ids.forEach((what, id) -> add("path {" + parameter + "} " + what,
                    request(path(Map.of(parameter, id)), headers, body, true)));
        }
    }

    // ------------------------------------------------------------------ building requests

    private HostileRequest jsonRequest(byte[] body) {
        return request(realPath(), Map.of("Accept", "application/json", "Content-Type", "application/json"), body, false);
    }

    private HostileRequest request(String path, Map<String, String> headers, byte[] body, boolean raw) {
        return new HostileRequest(operation.name(), "", operation.method(), path, headers, body, raw);
    }

    private void add(String variant, HostileRequest request) {
        found.add(new HostileRequest(request.operation(), variant, request.method(), request.path(), request.headers(),
                request.body(), request.raw()));
    }

    private String realPath() {
        return path(Map.of());
    }

    /** The path template with real values, except those in {@code hostile}, which are inserted as they are. */
    private String path(Map<String, String> hostile) {
        String path = operation.path();
        for (String parameter : operation.pathParameters()) {
            String value = hostile.containsKey(parameter) ? hostile.get(parameter)
                    : java.net.URLEncoder.encode(pathValues.getOrDefault(parameter, "unknown-" + parameter),
                    StandardCharsets.UTF_8).replace("+", "%20");
            path = path.replace("{" + parameter + "}", value);
        }
        return path;
    }

    // ------------------------------------------------------------------ small helpers

    private static JsonNode nodeAt(JsonNode root, List<Object> at) {
        JsonNode node = root;
        for (Object segment : at) {
            node = segment instanceof Integer index ? node.get(index) : node.get((String) segment);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static List<Object> append(List<Object> at, Object segment) {
        List<Object> next = new ArrayList<>(at);
        next.add(segment);
        return next;
    }

    /** {@code commitments[0].quantity}, as the services name fields. */
    static String name(List<Object> at) {
        StringBuilder name = new StringBuilder();
        for (Object segment : at) {
            if (segment instanceof Integer index) {
                name.append('[').append(index).append(']');
            } else {
                name.append(name.length() == 0 ? "" : ".").append(segment);
            }
        }
        return name.toString();
    }

    private String digits(int count) {
        StringBuilder digits = new StringBuilder().append((char) ('1' + random.nextInt(9)));
        while (digits.length() < count) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    private String letters(int count) {
        char[] text = new char[count];
        for (int i = 0; i < count; i++) {
            text[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(text);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

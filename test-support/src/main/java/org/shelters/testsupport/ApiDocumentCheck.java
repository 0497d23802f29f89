package org.shelters.testsupport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Checks that a service's OpenAPI document explains the API: a real {@code info}; every operation
 * with exactly one success status (201 where the test says it creates, else 200) and the
 * problem+json answers of the platform (400, 401, 403, 503; 404 where the path names an object;
 * 406, 409, 413, 415, 422, 429 and an {@code Idempotency-Key} header on every command); the
 * {@code Problem} schema with the fields at fault; and what the test names: {@code If-Match} on
 * update commands, {@code Location}/{@code ETag} headers, required fields, request examples.
 * {@link #verify()} lists every shortfall at once.
 */
public final class ApiDocumentCheck {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Set<String> COMMANDS = Set.of("put", "post", "delete", "patch");
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String RESPONSES = "#/components/responses/";

    private final JsonNode document;
    private final Map<String, String> successes = new LinkedHashMap<>();
    private final Map<String, List<String>> successHeaders = new LinkedHashMap<>();
    private final Map<String, List<String>> otherSuccesses = new LinkedHashMap<>();
    private final Set<String> ifMatch = new TreeSet<>();
    private final Map<String, List<String>> required = new LinkedHashMap<>();
    private final Set<String> examples = new TreeSet<>();

    private ApiDocumentCheck(JsonNode document) {
        this.document = document;
    }

    public static ApiDocumentCheck of(JsonNode openApiDocument) {
        return new ApiDocumentCheck(openApiDocument);
    }

    /** {@code operation} ("POST /api/x") answers {@code status} with these headers (e.g. Location, ETag). */
    public ApiDocumentCheck answers(String operation, int status, String... headers) {
        successes.put(operation, String.valueOf(status));
        successHeaders.put(operation, List.of(headers));
        return this;
    }

    /**
     * {@code operation} answers {@code status} as well as its main success in some cases (e.g. 204
     * when there is nothing to return), and documents both.
     */
    public ApiDocumentCheck alsoAnswers(String operation, int status) {
        otherSuccesses.computeIfAbsent(operation, k -> new ArrayList<>()).add(String.valueOf(status));
        return this;
    }

    /** These operations take {@code If-Match} (and so may answer 409 version-conflict). */
    public ApiDocumentCheck takesIfMatch(String... operations) {
        ifMatch.addAll(List.of(operations));
        return this;
    }

    /** The component schema {@code schema} marks {@code fields} required. */
    public ApiDocumentCheck requires(String schema, String... fields) {
        required.put(schema, List.of(fields));
        return this;
    }

    /** These operations' JSON request bodies carry at least one example. */
    public ApiDocumentCheck hasExamples(String... operations) {
        examples.addAll(List.of(operations));
        return this;
    }

    /** @throws AssertionError listing every shortfall */
    public void verify() {
        List<String> wrong = new ArrayList<>();
        info(wrong);
        problemSchema(wrong);
        Set<String> operations = AccessMatrix.operations(document);
        if (operations.isEmpty()) {
            wrong.add("the document has no operations");
        }
        for (String operation : operations) {
            operation(wrong, operation);
        }
        Set<String> named = new TreeSet<>(successes.keySet());
        named.addAll(ifMatch);
        named.addAll(examples);
        named.removeAll(operations);
        if (!named.isEmpty()) {
            wrong.add("the test names operations the document does not have: " + named);
        }
        required.forEach((schema, fields) -> {
            JsonNode node = document.path("components").path("schemas").path(schema);
            Set<String> marked = new HashSet<>();
            node.path("required").forEach(field -> marked.add(field.asString()));
            for (String field : fields) {
                if (!marked.contains(field)) {
                    wrong.add("schema " + schema + " does not mark " + field + " required (it marks " + marked + ")");
                }
                if (!node.path("properties").has(field)) {
                    wrong.add("schema " + schema + " has no property " + field);
                }
            }
        });
        if (!wrong.isEmpty()) {
            throw new AssertionError("the OpenAPI document does not explain the API:\n  " + String.join("\n  ", wrong));
        }
    }

    private void info(List<String> wrong) {
        JsonNode info = document.path("info");
        String title = info.path("title").asString("");
        if (title.isBlank() || title.equals("OpenAPI definition")) {
            wrong.add("info.title is springdoc's default or empty: '" + title + "'");
        }
        String version = info.path("version").asString("");
        if (!version.matches("\\d+\\.\\d+\\.\\d+.*")) {
            wrong.add("info.version is not the project version: '" + version + "'");
        }
        String description = info.path("description").asString("");
        if (description.length() < 200 || !description.contains("problem+json") || !description.contains("urn:shelters:problem")) {
            wrong.add("info.description does not say what the service does, its security and its problem types: '"
                    + description + "'");
        }
    }

    private void problemSchema(List<String> wrong) {
        JsonNode problem = document.path("components").path("schemas").path("Problem");
        for (String field : List.of("type", "title", "status", "detail", "errors")) {
            if (!problem.path("properties").has(field)) {
                wrong.add("the Problem schema has no " + field);
            }
        }
        JsonNode error = problem.path("properties").path("errors").path("items").path("properties");
        if (!error.has("field") || !error.has("message")) {
            wrong.add("the Problem schema's errors are not {field, message}: " + problem.path("properties").path("errors"));
        }
    }

    private void operation(List<String> wrong, String operation) {
        String[] parts = operation.split(" ", 2);
        String method = parts[0].toLowerCase(Locale.ROOT);
        JsonNode node = document.path("paths").path(parts[1]).path(method);
        JsonNode responses = node.path("responses");
        List<String> twoHundreds = new ArrayList<>();
        responses.propertyNames().forEach(status -> {
            if (status.startsWith("2")) {
                twoHundreds.add(status);
            }
        });
        String expected = successes.getOrDefault(operation, "200");
        List<String> documented = new ArrayList<>(List.of(expected));
        documented.addAll(otherSuccesses.getOrDefault(operation, List.of()));
        if (!new TreeSet<>(twoHundreds).equals(new TreeSet<>(documented))) {
            wrong.add(operation + " documents success " + twoHundreds + ", the code answers " + documented);
        }
        for (String header : successHeaders.getOrDefault(operation, List.of())) {
            if (!responses.path(expected).path("headers").has(header)) {
                wrong.add(operation + " " + expected + " does not document the " + header + " header");
            }
        }
        boolean command = COMMANDS.contains(method);
        List<String> problems = new ArrayList<>(List.of("400", "401", "403", "503"));
        if (parts[1].contains("{")) {
            problems.add("404");
        }
        if (command) {
            problems.addAll(List.of("406", "409", "413", "415", "422", "429"));
        }
        for (String status : problems) {
            String shortfall = problemJson(responses.path(status));
            if (shortfall != null) {
                wrong.add(operation + " " + status + ": " + shortfall);
            }
        }
        Set<String> headers = new HashSet<>();
        node.path("parameters").forEach(p -> {
            if (p.path("in").asString("").equals("header")) {
                headers.add(p.path("name").asString("").toLowerCase(Locale.ROOT));
            }
        });
        if (command && !headers.contains("idempotency-key")) {
            wrong.add(operation + " is a command without the Idempotency-Key header");
        }
        if (ifMatch.contains(operation) && !headers.contains("if-match")) {
            wrong.add(operation + " does not document the If-Match header");
        }
        if (!ifMatch.contains(operation) && headers.contains("if-match")) {
            wrong.add(operation + " documents If-Match, which the test does not expect");
        }
        if (examples.contains(operation)) {
            JsonNode json = node.path("requestBody").path("content").path("application/json");
            if (json.path("examples").isEmpty() && json.path("example").isMissingNode()) {
                wrong.add(operation + " has no request example");
            }
        }
    }

    /** Null when {@code response} (or what its {@code $ref} leads to) is problem+json of the Problem schema. */
    private String problemJson(JsonNode response) {
        if (response.isMissingNode()) {
            return "not documented";
        }
        int hops = 0;
        while (response.has("$ref") && hops++ < 5) {
            String ref = response.get("$ref").asString("");
            if (!ref.startsWith(RESPONSES)) {
                return "$ref " + ref + " is not to " + RESPONSES + "<name>";
            }
            response = document.path("components").path("responses").path(ref.substring(RESPONSES.length()));
            if (response.isMissingNode()) {
                return "$ref " + ref + " leads nowhere";
            }
        }
        JsonNode content = response.path("content").path(PROBLEM_JSON);
        if (content.isMissingNode()) {
            return "no " + PROBLEM_JSON + " content";
        }
        String schema = content.path("schema").path("$ref").asString("");
        return schema.equals("#/components/schemas/Problem") ? null : "its schema is not the Problem schema: " + content;
    }
}

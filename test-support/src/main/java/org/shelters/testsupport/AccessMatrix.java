package org.shelters.testsupport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A service's access matrix — who may call which operation — as the Markdown table its README and
 * its {@code AccessMatrixIT} hold, checked against the service's own OpenAPI document:
 *
 * <pre>
 * | operation                 | PROGRAMME_OFFICER | SHELTER_PARTNER | ADMIN |
 * |---------------------------|-------------------|-----------------|-------|
 * | GET /api/shelters/{id}    | yes               | own shelter     | yes   |
 * | POST /api/shelters        | yes               | no              | yes   |
 * </pre>
 *
 * <p>The header row names the roles (every column after the first), each further row one operation
 * as {@code METHOD path}: the upper-case HTTP method and the document's path template. Cells are
 * kept as trimmed strings; what {@code yes}, {@code own shelter} or any other word means, which
 * roles there must be and how a call is judged is the service test's business. Separator rows
 * ({@code |---|:--:|}) are skipped, so the columns may be aligned or not.
 */
public final class AccessMatrix {

    /** The keys of an OpenAPI path item that are operations (the others are parameters, summary, servers…). */
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern OPERATION = Pattern.compile("(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS|TRACE) /\\S*");
    private static final Pattern SEPARATOR_CELL = Pattern.compile(":?-+:?");
    private static final String BEARER_JWT = "bearer-jwt";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String RESPONSES = "#/components/responses/";

    private final List<String> roles;
    /** operation -> role -> cell, in the table's order. */
    private final Map<String, Map<String, String>> rows;

    private AccessMatrix(List<String> roles, Map<String, Map<String, String>> rows) {
        this.roles = roles;
        this.rows = rows;
    }

    /**
     * Reads the table: every line that starts with {@code |} (after white space), other lines
     * ignored.
     *
     * @throws IllegalArgumentException when there is no header or no operation row, a role or an
     *         operation is named twice, a row has another number of cells than the header, or an
     *         operation is not {@code METHOD /path}
     */
    public static AccessMatrix parse(String markdownTable) {
        List<List<String>> lines = markdownTable.lines().map(String::trim).filter(line -> line.startsWith("|"))
                .map(AccessMatrix::cells).filter(cells -> !cells.stream().allMatch(c -> SEPARATOR_CELL.matcher(c).matches()))
                .toList();
        if (lines.size() < 2) {
            throw new IllegalArgumentException("an access matrix is a header row of roles and a row per operation: "
                    + markdownTable);
        }
        List<String> header = lines.get(0);
        List<String> roles = List.copyOf(header.subList(1, header.size()));
        if (roles.isEmpty() || new HashSet<>(roles).size() != roles.size()) {
            throw new IllegalArgumentException("the header names each role once, after the operation column: " + header);
        }
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (List<String> row : lines.subList(1, lines.size())) {
            String operation = row.get(0);
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(operation + ": " + (row.size() - 1) + " cells for " + roles.size()
                        + " roles " + roles);
            }
            if (!OPERATION.matcher(operation).matches()) {
                throw new IllegalArgumentException("'" + operation + "' is not an operation: METHOD /path, e.g. GET /api/x/{id}");
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < roles.size(); i++) {
                cells.put(roles.get(i), row.get(i + 1));
            }
            if (rows.put(operation, Map.copyOf(cells)) != null) {
                throw new IllegalArgumentException(operation + " has two rows");
            }
        }
        return new AccessMatrix(roles, rows);
    }

    /**
     * {@link #parse(String)}, and the table's vocabulary checked: its columns are exactly
     * {@code roles} (in any order) and every cell is one of {@code words}.
     *
     * @throws IllegalArgumentException as {@link #parse(String)}, or naming a missing or unknown
     *         column, or the operation and role of a cell that is none of the words
     */
    public static AccessMatrix parse(String markdownTable, Collection<String> roles, Collection<String> words) {
        AccessMatrix matrix = parse(markdownTable);
        Set<String> missing = new TreeSet<>(roles);
        missing.removeAll(matrix.roles);
        Set<String> unknown = new TreeSet<>(matrix.roles);
        unknown.removeAll(roles);
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException("the access matrix needs a column for every role and no other: missing "
                    + missing + ", unknown " + unknown);
        }
        matrix.rows.forEach((operation, cells) -> cells.forEach((role, cell) -> {
            if (!words.contains(cell)) {
                throw new IllegalArgumentException(operation + " as " + role + ": '" + cell + "' is none of " + words);
            }
        }));
        return matrix;
    }

    /** The column headers after the operation column, in the table's order. */
    public List<String> roles() {
        return roles;
    }

    /** The operations the table names ({@code "GET /api/x/{id}"}), in the table's order. */
    public List<String> operations() {
        return List.copyOf(rows.keySet());
    }

    /**
     * What the table says for {@code role} on {@code operation}, trimmed.
     *
     * @throws IllegalArgumentException when the table has no such row or column
     */
    public String cell(String operation, String role) {
        Map<String, String> row = rows.get(operation);
        if (row == null) {
            throw new IllegalArgumentException("the access matrix has no row " + operation + "; it has " + rows.keySet());
        }
        String cell = row.get(role);
        if (cell == null) {
            throw new IllegalArgumentException("the access matrix has no column " + role + "; it has " + roles);
        }
        return cell;
    }

    /**
     * Fails unless {@code role}'s column says {@code cell} on every row (e.g. a role that may call
     * everything), naming the operations where it does not.
     */
    public void assertColumn(String role, String cell) {
        Set<String> otherwise = new TreeSet<>();
        for (String operation : rows.keySet()) {
            if (!cell(operation, role).equals(cell)) {
                otherwise.add(operation + ": " + cell(operation, role));
            }
        }
        if (!otherwise.isEmpty()) {
            throw new AssertionError(role + " is '" + cell + "' on every operation of the access matrix, but not on "
                    + otherwise);
        }
    }

    /**
     * The operations of an OpenAPI document, sorted: {@code "GET /api/x/{id}"}, the upper-case
     * method and the document's path template.
     */
    public static Set<String> operations(JsonNode openApiDocument) {
        Set<String> operations = new TreeSet<>();
        JsonNode paths = openApiDocument.path("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                if (METHODS.contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        return operations;
    }

    /**
     * Fails unless the table names exactly the document's operations: one the document has and the
     * table does not is an endpoint nobody decided the access of; one the table names and the
     * document lacks is a stale row. The failure names every such operation. A document without any
     * operation fails too (a wrong URL or an empty document would otherwise pass with an empty table).
     */
    public void assertCovers(JsonNode openApiDocument) {
        Set<String> documented = operations(openApiDocument);
        if (documented.isEmpty()) {
            throw new AssertionError("the OpenAPI document has no operations: " + abbreviated(openApiDocument));
        }
        Set<String> undecided = new TreeSet<>(documented);
        undecided.removeAll(rows.keySet());
        Set<String> stale = new TreeSet<>(rows.keySet());
        stale.removeAll(documented);
        if (undecided.isEmpty() && stale.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("the access matrix and the OpenAPI document name different operations");
        if (!undecided.isEmpty()) {
            message.append("\n  in the document, not in the table (decide who may call them: the service's access rules, "
                    + "its access matrix and README):");
            undecided.forEach(operation -> message.append("\n    ").append(operation));
        }
        if (!stale.isEmpty()) {
            message.append("\n  in the table, not in the document (rows for operations it no longer has):");
            stale.forEach(operation -> message.append("\n    ").append(operation));
        }
        throw new AssertionError(message);
    }

    /**
     * Fails unless the document declares the {@code bearer-jwt} security scheme (type {@code http},
     * scheme {@code bearer}, format {@code JWT}), its top-level {@code security} names it once, and
     * every operation documents 401 and 403 with {@code application/problem+json} content — inline,
     * or through a {@code $ref} to {@code #/components/responses/<name>}, which is followed. The
     * failure lists every shortfall.
     */
    public static void assertEveryOperationDocumentsRefusals(JsonNode openApiDocument) {
        List<String> wrong = new ArrayList<>();
        JsonNode scheme = openApiDocument.path("components").path("securitySchemes").path(BEARER_JWT);
        if (!scheme.path("type").asString("").equals("http") || !scheme.path("scheme").asString("").equals("bearer")
                || !scheme.path("bearerFormat").asString("").equals("JWT")) {
            wrong.add("components.securitySchemes." + BEARER_JWT + " is not {type: http, scheme: bearer, bearerFormat: JWT}: "
                    + scheme);
        }
        JsonNode security = openApiDocument.path("security");
        if (security.findValues(BEARER_JWT).size() != 1) {
            wrong.add("the top-level security does not name " + BEARER_JWT + " once (so not every operation needs it): "
                    + security);
        }
        Set<String> operations = operations(openApiDocument);
        if (operations.isEmpty()) {
            wrong.add("the document has no operations");
        }
        for (String operation : operations) {
            String[] parts = operation.split(" ", 2);
            JsonNode responses = openApiDocument.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT))
                    .path("responses");
            for (String status : List.of("401", "403")) {
                String shortfall = problemJson(openApiDocument, responses.path(status));
                if (shortfall != null) {
                    wrong.add(operation + " " + status + ": " + shortfall);
                }
            }
        }
        if (!wrong.isEmpty()) {
            throw new AssertionError("the OpenAPI document does not say that every operation needs a bearer token and "
                    + "may answer 401 and 403 problem+json:\n  " + String.join("\n  ", wrong));
        }
    }

    /** Null when {@code response} (or what its {@code $ref}s lead to) has problem+json content, else what is wrong. */
    private static String problemJson(JsonNode document, JsonNode response) {
        if (response.isMissingNode()) {
            return "not documented";
        }
        Set<String> followed = new HashSet<>();
        while (response.has("$ref")) {
            String ref = response.get("$ref").asString("");
            if (!ref.startsWith(RESPONSES)) {
                return "$ref " + ref + " is not to " + RESPONSES + "<name>";
            }
            if (!followed.add(ref)) {
                return "$ref " + ref + " refers to itself";
            }
            response = document.path("components").path("responses").path(ref.substring(RESPONSES.length()));
            if (response.isMissingNode()) {
                return "$ref " + ref + " names no response in components.responses";
            }
        }
        return response.path("content").has(PROBLEM_JSON) ? null : "no " + PROBLEM_JSON + " content"
                + (followed.isEmpty() ? "" : " in " + followed);
    }

    /** The cells of a table line, trimmed: {@code "| a | b |"} is {@code [a, b]}. */
    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") && line.length() > 1 ? line.length() - 1 : line.length());
        return List.of(inner.split("\\|", -1)).stream().map(String::trim).toList();
    }

    private static String abbreviated(JsonNode document) {
        String text = document.toString();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}

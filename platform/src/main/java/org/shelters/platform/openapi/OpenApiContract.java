package org.shelters.platform.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shelters.platform.PlatformProperties;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document says what the platform's edge does, for every operation of every service,
 * written here once rather than onto each controller method (so an operation added later is
 * documented the same way): the service's {@code info}; the success status and its headers
 * ({@link Answers}); {@code Idempotency-Key} on every command ({@code IdempotencyFilter} takes it
 * on every POST/PUT/PATCH/DELETE); what {@code If-Match} means where a method takes it; and the
 * problem+json answers the filters, the advice and {@code IfMatch} give (400, 404, 406, 409, 413,
 * 415, 422, 429, 503), all with the one {@code Problem} schema. 401 and 403 are
 * {@code OpenApiSecurity}'s. A response an operation documents itself is kept as it is.
 */
public class OpenApiContract implements GlobalOpenApiCustomizer, GlobalOperationCustomizer {

    public static final String PROBLEM = "Problem";
    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String RESPONSES = "#/components/responses/";
    private static final Set<RequestMethod> COMMANDS = Set.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH,
            RequestMethod.DELETE);

    /** status -> component response name, summary, an example problem type and detail. */
    private static final Map<String, String[]> REFUSALS = new LinkedHashMap<>();

    static {
        REFUSALS.put("400", new String[]{"InvalidRequest", "The request is not valid: every field, query parameter or "
                + "header at fault is named under errors (an unknown query parameter or filter value too)",
                "invalid-request", "state: must be one of the 32 ISO 3166-2:MX codes, e.g. MX-CHP"});
        REFUSALS.put("404", new String[]{"NotFound", "What the path names does not exist", "not-found",
                "shelter 'b3f1c2d4' does not exist"});
        REFUSALS.put("406", new String[]{"NotAcceptable", "Accept excludes application/json; nothing was done",
                "not-acceptable", "commands answer application/json (errors application/problem+json); Accept was 'text/csv'"});
        REFUSALS.put("409", new String[]{"Conflict", "The command does not fit the current state: version-conflict "
                + "(If-Match is not the current version, or someone wrote in between: reload and retry), "
                + "illegal-transition, idempotency-key-in-use (retry) or another type named in the detail; nothing was done",
                "version-conflict", "If-Match \"3\" does not match the current version \"4\"; reload and retry"});
        REFUSALS.put("413", new String[]{"ContentTooLarge", "The body is larger than platform.web.max-body-size; "
                + "nothing was done", "body-too-large", "a command body may have at most 262144 bytes"});
        REFUSALS.put("415", new String[]{"UnsupportedMediaType", "The body is not application/json; nothing was done",
                "unsupported-media-type", "command bodies must be application/json; Content-Type was 'text/plain'"});
        REFUSALS.put("422", new String[]{"RuleRefused", "Well-formed, but a programme rule refuses it (the type names "
                + "the rule), or the Idempotency-Key was used before with another body (idempotency-key-reused); "
                + "nothing was done", "exceeds-outstanding", "line L1: 600 exceeds the outstanding 400"});
        REFUSALS.put("429", new String[]{"TooManyRequests", "More commands from this caller than its share; "
                + "nothing was done; retry after Retry-After seconds", "rate-limited",
                "too many commands from this caller; nothing was done; retry after 1 seconds"});
        REFUSALS.put("503", new String[]{"Unavailable", "The store or the identity provider cannot be reached just now "
                + "(store-unavailable, issuer-unavailable); nothing was done; retry after Retry-After seconds",
                "store-unavailable", "the service cannot reach its store just now; nothing was changed; retry after 5 seconds"});
    }

    private final PlatformProperties.OpenApi info;
    private final String applicationName;

    public OpenApiContract(PlatformProperties.OpenApi info, String applicationName) {
        this.info = info;
        this.applicationName = applicationName;
    }

    /** Idempotent: springdoc may run customizers more than once on the same document. */
    @Override
    public void customise(OpenAPI openApi) {
        openApi.setInfo(info());
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSchemas(PROBLEM, problemSchema());
        REFUSALS.forEach((status, refusal) -> components.addResponses(refusal[0], problem(refusal[1], refusal[2],
                Integer.parseInt(status), refusal[3], status.equals("429") || status.equals("503"))));
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        boolean command = mapping != null && java.util.Arrays.stream(mapping.method()).anyMatch(COMMANDS::contains);
        boolean namesAnObject = mapping != null && java.util.Arrays.stream(mapping.path()).anyMatch(p -> p.contains("{"))
                || handler.getMethodParameters().length > 0 && java.util.Arrays.stream(handler.getMethodParameters())
                .anyMatch(p -> p.hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        success(responses, handler.getMethodAnnotation(Answers.class));
        boolean ifMatch = headers(operation, command);
        List<String> statuses = new ArrayList<>(List.of("400"));
        if (namesAnObject) {
            statuses.add("404");
        }
        if (command) {
            statuses.addAll(List.of("406", "409", "413", "415", "422", "429"));
        } else if (ifMatch) {
            statuses.add("409");
        }
        statuses.add("503");
        for (String status : statuses) {
            if (!responses.containsKey(status)) {
                responses.addApiResponse(status, new ApiResponse().$ref(RESPONSES + REFUSALS.get(status)[0]));
            }
        }
        // a refusal an operation documents itself is problem+json of the one Problem schema too
        responses.forEach((status, response) -> {
            MediaType problem = response.getContent() == null ? null : response.getContent().get(PROBLEM_JSON);
            if (problem != null && problem.getSchema() == null) {
                problem.setSchema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
            }
        });
        return operation;
    }

    /** The success response as the method answers it; springdoc's default 200 moves to the real status. */
    private static void success(ApiResponses responses, Answers answers) {
        // without Answers: the status springdoc read from @ResponseStatus, else 200
        String declared = responses.keySet().stream().filter(code -> code.startsWith("2")).findFirst().orElse("200");
        String status = answers == null ? declared : String.valueOf(answers.status());
        ApiResponse success = responses.get(status);
        if (success == null) {
            ApiResponse generated = responses.get("200");
            success = generated == null ? new ApiResponse() : generated;
            if (!status.equals("200")) {
                responses.remove("200");
            }
            responses.addApiResponse(status, success);
        }
        if (answers != null && !answers.value().isEmpty()) {
            success.setDescription(answers.value());
        } else if (success.getDescription() == null || success.getDescription().isBlank()
                || success.getDescription().equals("OK")) {
            success.setDescription(switch (status) {
                case "201" -> "Created";
                case "204" -> "Done; no content";
                default -> "OK";
            });
        }
        if (status.equals("204")) {
            success.setContent(null);
        }
        if (answers != null && answers.location()) {
            success.addHeaderObject("Location", new Header().description("The URL of what was created")
                    .schema(new StringSchema().format("uri-reference")));
        }
        if (answers != null && answers.etag()) {
            success.addHeaderObject("ETag", new Header().description("The version of the object now, e.g. \"4\"; "
                    + "send it back as If-Match with the next command on it").schema(new StringSchema().example("\"4\"")));
        }
    }

    /** @return whether the operation takes If-Match */
    private static boolean headers(Operation operation, boolean command) {
        List<Parameter> parameters = operation.getParameters() == null ? new ArrayList<>() : operation.getParameters();
        boolean ifMatch = false;
        for (Parameter parameter : parameters) {
            if ("header".equals(parameter.getIn()) && "If-Match".equalsIgnoreCase(parameter.getName())) {
                ifMatch = true;
                parameter.setDescription("The ETag of the version this command was decided on (from the last answer or a "
                        + "GET). Another version: 409 version-conflict, nothing done. Left out (or *): the command runs "
                        + "against the version just read, and a write in between is still refused with 409.");
                parameter.setExample("\"3\"");
            }
        }
        if (command && parameters.stream().noneMatch(p -> "header".equals(p.getIn())
                && IDEMPOTENCY_KEY.equalsIgnoreCase(p.getName()))) {
            parameters.add(new HeaderParameter().name(IDEMPOTENCY_KEY).required(false)
                    .description("1 to 200 characters of the caller's choosing, e.g. a UUID. A repeat with the same key "
                            + "and body gets the first answer again (Idempotent-Replayed: true) and runs nothing; the same "
                            + "key with another body is 422 idempotency-key-reused; while the first is running, 409 "
                            + "idempotency-key-in-use. Answers that say retry (409, 429, 5xx) release the key. A key "
                            + "belongs to its caller.")
                    .schema(new StringSchema().minLength(1).maxLength(200))
                    .example("5d0c7a52-3f7e-4a8e-9c55-1b0f6c2e9a41"));
        }
        operation.setParameters(parameters.isEmpty() ? null : parameters);
        return ifMatch;
    }

    private Info info() {
        String title = info.getTitle() != null ? info.getTitle() : applicationName;
        Info result = new Info().title(title).version(info.getVersion()).description(description());
        if (info.getContactName() != null || info.getContactUrl() != null) {
            result.contact(new Contact().name(info.getContactName()).url(info.getContactUrl()));
        }
        if (info.getLicenseName() != null) {
            result.license(new License().name(info.getLicenseName()).url(info.getLicenseUrl()));
        }
        return result;
    }

    private String description() {
        return info.getDescription().strip() + "\n\n"
                + "**Security.** Every operation needs an access token of the programme's issuer (bearer JWT, or sign "
                + "in from Swagger UI); x-roles lists the roles that may call it. No token or a refused one: 401; "
                + "a role the operation is not for, or another shelter's object: 403.\n\n"
                + "**Commands** (POST, PUT) take JSON and answer JSON. Send an Idempotency-Key to retry safely, and "
                + "If-Match with the ETag you last saw to refuse lost updates.\n\n"
                + "**Errors** are RFC 9457 application/problem+json (the Problem schema). Their type is one of "
                + "urn:shelters:problem: invalid-request (400, fields at fault under errors), unauthenticated (401), "
                + "forbidden (403), not-found (404), not-acceptable (406), version-conflict, illegal-transition, "
                + "idempotency-key-in-use and other state conflicts (409), body-too-large (413), "
                + "unsupported-media-type (415), a programme rule's own type or idempotency-key-reused (422), "
                + "rate-limited (429), internal (500, with traceId), store-unavailable or issuer-unavailable (503). "
                + "The types are listed in the repository's README (\"The edge: what a 2xx promises\").";
    }

    private static ApiResponse problem(String description, String type, int status, String detail, boolean retryAfter) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "urn:shelters:problem:" + type);
        example.put("title", switch (status) {
            case 400 -> "The request is not valid";
            case 404 -> "Not found";
            case 409 -> "The request conflicts with the current state";
            case 422 -> "A programme rule refuses the request";
            default -> "Refused";
        });
        example.put("status", status);
        example.put("detail", detail);
        if (status == 400) {
            example.put("errors", List.of(Map.of("field", "state",
                    "message", "must be one of the 32 ISO 3166-2:MX codes, e.g. MX-CHP")));
        }
        ApiResponse response = new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                        .addExamples(type, new Example().value(example))));
        if (retryAfter) {
            response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying")
                    .schema(new IntegerSchema()));
        }
        return response;
    }

    /** RFC 9457 problem details as the platform writes them ({@code Problems}, the advice, the filters). */
    public static Schema<?> problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details, as every error of the platform is written")
                .addProperty("type", new StringSchema().format("uri")
                        .description("Stable: urn:shelters:problem:<type>; clients branch on it").example(
                                "urn:shelters:problem:invalid-request"))
                .addProperty("title", new StringSchema().description("A short summary of the kind of problem"))
                .addProperty("status", new IntegerSchema().description("The HTTP status"))
                .addProperty("detail", new StringSchema().description("What was wrong with this request, for a person"))
                .addProperty("instance", new StringSchema().description("The request path, when given"))
                .addProperty("errors", new ArraySchema().description("Every field, parameter or header at fault (400, "
                        + "and the field of a rule or header where one is named)").items(new ObjectSchema()
                        .addProperty("field", new StringSchema().description("Its JSON path, query parameter or header, "
                                + "e.g. commitments[0].quantity").example("commitments[0].quantity"))
                        .addProperty("message", new StringSchema().example("must be more than 0"))
                        .required(List.of("field", "message"))))
                .addProperty("traceId", new StringSchema().description("500 only: the trace the failure was logged with"))
                .required(List.of("type", "title", "status"));
    }
}

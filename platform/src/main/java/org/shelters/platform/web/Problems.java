package org.shelters.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shelters.platform.domain.Refusal;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one mapping from a {@link Refusal} to RFC 9457 problem+json: status by kind, the stable
 * {@code type} URN, a title per kind and the fields at fault under {@code errors}. Used by the
 * controller advice and by filters that answer before any controller runs.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:shelters:problem:";

    private Problems() {
    }

    public static HttpStatus status(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case RULE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
    }

    static String title(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID -> "The request is not valid";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "The request conflicts with the current state";
            case RULE -> "A programme rule refuses the request";
            case FORBIDDEN -> "Forbidden";
        };
    }

    public static ProblemDetail of(Refusal refusal) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status(refusal.kind()), refusal.getMessage());
        problem.setType(URI.create(TYPE_PREFIX + refusal.type()));
        problem.setTitle(title(refusal.kind()));
        if (!refusal.errors().isEmpty()) {
            problem.setProperty("errors", refusal.errors());
        }
        return problem;
    }

    /** Writes {@code problem} as the whole response, for code that runs outside Spring MVC (filters). */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            body.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JsonMapper.shared().writeValueAsBytes(body));
    }

    public static void write(HttpServletResponse response, Refusal refusal) throws IOException {
        write(response, of(refusal));
    }

    /** Seconds a client should wait before retrying while the store is unreachable. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** 503: the store cannot be reached, nothing was done; retry (with the same Idempotency-Key) later. */
    public static ProblemDetail unavailable() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the service cannot reach its store just now; nothing was changed; retry after "
                        + RETRY_AFTER_SECONDS + " seconds");
        problem.setType(URI.create(TYPE_PREFIX + "store-unavailable"));
        problem.setTitle("Service unavailable");
        return problem;
    }

    /** 401: no bearer token, or one that is not valid here; says no more than a client can act on. */
    public static ProblemDetail unauthenticated() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "a valid access token is required (Authorization: Bearer ...)");
        problem.setType(URI.create(TYPE_PREFIX + "unauthenticated"));
        problem.setTitle("Unauthorized");
        return problem;
    }

    /** 403: authenticated, but this role may not call this operation. */
    public static ProblemDetail forbidden() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "your role may not call this operation");
        problem.setType(URI.create(TYPE_PREFIX + "forbidden"));
        problem.setTitle("Forbidden");
        return problem;
    }

    /** 429: this caller sent more commands than its share; retry after {@code seconds}. */
    public static ProblemDetail tooManyRequests(long seconds) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "too many commands from this caller; nothing was done; retry after " + seconds + " seconds");
        problem.setType(URI.create(TYPE_PREFIX + "rate-limited"));
        problem.setTitle("Too many requests");
        return problem;
    }

    /** Whether {@code failure} (or a cause) means the store could not be reached, rather than a bug. */
    public static boolean storeUnreachable(Throwable failure) {
        return org.shelters.platform.store.StoreFailures.unreachable(failure);
    }
}

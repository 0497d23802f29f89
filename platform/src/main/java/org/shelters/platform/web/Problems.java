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
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Service unavailable",
                "the service cannot reach its store just now; nothing was changed; retry after "
                        + RETRY_AFTER_SECONDS + " seconds");
    }

    /** 503: the access token cannot be checked while the issuer's keys cannot be fetched; nothing was done. */
    public static ProblemDetail issuerUnavailable() {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "issuer-unavailable", "Service unavailable",
                "the access token cannot be checked just now (the identity provider is unreachable); nothing was done; "
                        + "retry after " + RETRY_AFTER_SECONDS + " seconds");
    }

    /** 401: no bearer token, or one that is not valid here; says no more than a client can act on. */
    public static ProblemDetail unauthenticated() {
        return problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthorized",
                "a valid access token is required (Authorization: Bearer ...)");
    }

    /** 403: authenticated, but this role may not call this operation. */
    public static ProblemDetail forbidden() {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "your role may not call this operation");
    }

    /** 429: this caller sent more commands than its share; retry after {@code seconds}. */
    public static ProblemDetail tooManyRequests(long seconds) {
        return problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                "too many commands from this caller; nothing was done; retry after " + seconds + " seconds");
    }

    /** 400: the request's path is one the firewall refuses (an empty segment, a path parameter, an encoded dot...). */
    public static ProblemDetail rejectedPath() {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid",
                "the request's path is not allowed here (an empty segment '//', a ';' parameter, an encoded '.', '/' "
                        + "or '%', or a character outside the allowed set)");
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        return problem;
    }

    /** Whether {@code failure} (or a cause) means the store could not be reached, rather than a bug. */
    public static boolean storeUnreachable(Throwable failure) {
        return org.shelters.platform.store.StoreFailures.unreachable(failure);
    }
}

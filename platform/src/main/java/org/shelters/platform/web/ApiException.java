package org.shelters.platform.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refusal the client can act on, rendered as RFC 9457 problem+json. {@code type} is a stable
 * URI per kind of problem; {@code errors} names each field at fault.
 */
public class ApiException extends ErrorResponseException {

    public ApiException(HttpStatus status, String type, String title, String detail, List<FieldError> errors) {
        super(status, problem(status, type, title, detail, errors), null);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail,
                                         List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:shelters:problem:" + type));
        problem.setTitle(title);
        if (errors != null && !errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** 400: the request itself is wrong; each field at fault is named. */
    public static ApiException invalid(List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid", detail, errors);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /** 404. */
    public static ApiException notFound(String what, String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", what + " not found", what + " '" + id + "' does not exist", List.of());
    }

    /** 409: the command does not fit the current state (an illegal transition, a duplicate). */
    public static ApiException conflict(String type, String detail) {
        return new ApiException(HttpStatus.CONFLICT, type, "The request conflicts with the current state", detail, List.of());
    }

    /** 422: well-formed, but a business rule refuses it; {@code field} may be null. */
    public static ApiException ruleViolated(String type, String field, String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, type, "A programme rule refuses the request", detail,
                field == null ? List.of() : List.of(new FieldError(field, detail)));
    }

    public record FieldError(String field, String message) {
    }
}

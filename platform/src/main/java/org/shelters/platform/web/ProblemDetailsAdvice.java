package org.shelters.platform.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.shelters.platform.domain.FieldError;
import org.shelters.platform.domain.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The one place errors become responses: every {@link Refusal} (from aggregates, services, the
 * store) and every framework error leaves as RFC 9457 problem+json with the fields at fault
 * under {@code errors}. Bad input is never a 500; a 500 carries no internal detail, only the
 * trace id it was logged with. Ordered ahead of Spring Boot's own problem-details handler.
 */
@RestControllerAdvice
@Order(-1)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refused(Refusal refusal) {
        return render(refusal);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldError(e.getField(), e.getDefaultMessage()))
                .toList();
        ProblemDetail problem = Problems.of(Refusal.invalid(errors));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new java.util.ArrayList<>(BoundedInput.drain());
        unreadable(ex.getCause()).stream().filter(e -> errors.stream().noneMatch(found -> found.field().equals(e.field())))
                .forEach(errors::add);
        ProblemDetail problem = Problems.of(Refusal.invalid(errors));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Names the field at fault and what it must be, never a Java type. */
    static List<FieldError> unreadable(Throwable cause) {
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
            if (databind instanceof BoundedInput.OutOfBounds outOfBounds) {
                return List.of(new FieldError(field, outOfBounds.expectation()));
            }
            Class<?> target = databind instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
            return List.of(new FieldError(field, expectation(target)));
        }
        if (cause instanceof JacksonException jackson) {
            String message = jackson.getOriginalMessage() == null ? "" : jackson.getOriginalMessage().split("\n")[0];
            return List.of(new FieldError("body", "is not valid JSON" + (looksInternal(message) ? "" : ": " + message)));
        }
        return List.of(new FieldError("body", "is required and must be a JSON object"));
    }

    static String expectation(Class<?> target) {
        if (target == null) {
            return "has a value of the wrong type or format";
        }
        if (target.isEnum()) {
            return "must be one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (target == LocalDate.class) {
            return "must be a date YYYY-MM-DD";
        }
        if (target == Instant.class || target == OffsetDateTime.class) {
            return "must be a date-time such as 2026-01-31T09:30:00Z";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class
                || target == BigInteger.class || target == Short.class || target == short.class) {
            return "must be a whole number";
        }
        if (target == BigDecimal.class || target == Double.class || target == double.class) {
            return "must be a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (target == String.class) {
            return "must be text";
        }
        if (target.isArray() || Collection.class.isAssignableFrom(target)) {
            return "must be a list";
        }
        return "must be an object";
    }

    private static boolean looksInternal(String message) {
        return message.contains("org.") || message.contains("java.") || message.contains("`");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
        return render(Refusal.invalid(ex.getName(), expectation(ex.getRequiredType())));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (Problems.storeUnreachable(ex)) {
            log.warn("store unreachable: {}", ex.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(Problems.RETRY_AFTER_SECONDS))
                    .body(Problems.unavailable());
        }
        String traceId = MDC.get("traceId");
        log.error("unexpected error (trace {})", traceId, ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; nothing was changed unless a response said so.");
        problem.setType(URI.create(Problems.TYPE_PREFIX + "internal"));
        problem.setTitle("Internal error");
        if (traceId != null) {
            problem.setProperty("traceId", traceId);
        }
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
    }

    private static ResponseEntity<ProblemDetail> render(Refusal refusal) {
        return ResponseEntity.status(Problems.status(refusal.kind())).body(Problems.of(refusal));
    }
}

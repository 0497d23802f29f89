package org.shelters.platform.web;

import java.net.URI;
import java.util.List;
import org.shelters.platform.outbox.AggregateAlreadyExistsException;
import org.shelters.platform.outbox.AggregateNotFoundException;
import org.shelters.platform.outbox.ConcurrentUpdateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

/**
 * Every error leaves as RFC 9457 problem+json, with the fields at fault under {@code errors};
 * bad input is never a 500. Ordered ahead of Spring Boot's own problem-details handler, which
 * would otherwise answer validation errors without naming the fields.
 */
@RestControllerAdvice
@Order(-1)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<ApiException.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new ApiException.FieldError(e.getField(), e.getDefaultMessage()))
                .toList();
        ApiException problem = ApiException.invalid(errors);
        return handleExceptionInternal(problem, problem.getBody(), headers, problem.getStatusCode(), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String field = "body";
        String message = "is not readable JSON";
        Throwable cause = ex.getCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
            message = "has a value of the wrong type or format: " + databind.getOriginalMessage().split("\n")[0];
        } else if (cause instanceof JacksonException jackson) {
            message = "is not valid JSON: " + jackson.getOriginalMessage();
        }
        ApiException problem = ApiException.invalid(field, message);
        return handleExceptionInternal(problem, problem.getBody(), headers, problem.getStatusCode(), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
        return render(ApiException.invalid(ex.getName(), "has an invalid value '" + ex.getValue() + "'"));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException ex) {
        return render(ApiException.notFound(ex.collection(), ex.id()));
    }

    @ExceptionHandler(ConcurrentUpdateException.class)
    ResponseEntity<ProblemDetail> concurrentUpdate(ConcurrentUpdateException ex) {
        return render(ApiException.conflict("version-conflict", ex.getMessage() + "; reload and retry"));
    }

    @ExceptionHandler(AggregateAlreadyExistsException.class)
    ResponseEntity<ProblemDetail> alreadyExists(AggregateAlreadyExistsException ex) {
        return render(ApiException.conflict("already-exists", ex.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException ex) {
        return render(ApiException.invalid("body", ex.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        log.error("unexpected error", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; nothing was changed unless a response said so.");
        problem.setType(URI.create("urn:shelters:problem:internal"));
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
    }

    private static ResponseEntity<ProblemDetail> render(ApiException ex) {
        return ResponseEntity.status(ex.getStatusCode()).body(ex.getBody());
    }
}

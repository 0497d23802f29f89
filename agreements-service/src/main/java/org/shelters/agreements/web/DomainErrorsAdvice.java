package org.shelters.agreements.web;

import org.shelters.agreements.IllegalTransitionException;
import org.shelters.agreements.InvalidCommandException;
import org.shelters.agreements.RuleViolationException;
import org.shelters.platform.web.ApiException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns the domain's refusals into the platform's problem+json (ahead of the platform's catch-all). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DomainErrorsAdvice {

    @ExceptionHandler(InvalidCommandException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidCommandException ex) {
        return render(ApiException.invalid(ex.violations().stream()
                .map(v -> new ApiException.FieldError(v.field(), v.message())).toList()));
    }

    @ExceptionHandler(IllegalTransitionException.class)
    ResponseEntity<ProblemDetail> illegalTransition(IllegalTransitionException ex) {
        return render(ApiException.conflict("illegal-transition", ex.getMessage()));
    }

    @ExceptionHandler(RuleViolationException.class)
    ResponseEntity<ProblemDetail> ruleViolated(RuleViolationException ex) {
        return render(ApiException.ruleViolated(ex.type(), ex.field(), ex.getMessage()));
    }

    private static ResponseEntity<ProblemDetail> render(ApiException ex) {
        return ResponseEntity.status(ex.getStatusCode()).body(ex.getBody());
    }
}

package org.shelters.logistics.shipment;

import org.shelters.platform.web.ApiException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Renders the domain's refusals as the platform's problem+json (before its catch-all 500 handler). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ShipmentRefusedAdvice {

    @ExceptionHandler(ShipmentRefused.class)
    ResponseEntity<ProblemDetail> refused(ShipmentRefused refused) {
        ApiException problem = switch (refused.kind()) {
            case INVALID -> ApiException.invalid(refused.field(), refused.getMessage());
            case CONFLICT -> ApiException.conflict(refused.type(), refused.getMessage());
            case RULE -> ApiException.ruleViolated(refused.type(), refused.field(), refused.getMessage());
        };
        return ResponseEntity.status(problem.getStatusCode()).body(problem.getBody());
    }

}

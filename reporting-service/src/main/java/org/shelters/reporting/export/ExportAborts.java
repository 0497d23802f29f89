package org.shelters.reporting.export;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An export broken off mid-file ({@link StreamedFile.Aborted}) is not answered: the status and
 * part of the file are already sent, and a problem document written after them would be taken
 * for the file's tail. Ahead of the platform's advice (which answers every other exception), this
 * throws it on, so Spring MVC leaves it unresolved and the container aborts the response.
 */
@RestControllerAdvice(assignableTypes = {ExportController.class, IatiController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class ExportAborts {

    @ExceptionHandler(StreamedFile.Aborted.class)
    void brokenOff(StreamedFile.Aborted aborted) {
        // rethrowing the exception handled tells Spring MVC to go on without handling it
        throw aborted;
    }
}

package org.shelters.events;

/**
 * A record that can never be processed however often it is retried (unreadable JSON, unknown
 * type, a payload that breaks its schema or its invariants). Consumers send it to the DLT at once.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}

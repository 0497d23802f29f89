package org.shelters.events;

/** An event whose {@code type} the catalog does not know: a poison message for every consumer. */
public class UnknownEventTypeException extends InvalidEventException {

    public UnknownEventTypeException(String type) {
        super("unknown event type '" + type + "'");
    }
}

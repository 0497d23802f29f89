package org.shelters.platform.outbox;

public class AggregateAlreadyExistsException extends RuntimeException {

    public AggregateAlreadyExistsException(String collection, String id) {
        super(collection + " '" + id + "' already exists");
    }
}

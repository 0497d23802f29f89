package org.shelters.platform.outbox;

public class AggregateNotFoundException extends RuntimeException {

    private final String collection;
    private final String id;

    public AggregateNotFoundException(String collection, String id) {
        super(collection + " '" + id + "' does not exist");
        this.collection = collection;
        this.id = id;
    }

    public String collection() {
        return collection;
    }

    public String id() {
        return id;
    }
}

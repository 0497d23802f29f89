package org.shelters.platform.outbox;

/** Someone else changed the aggregate since it was read: reload and try again (HTTP 409). */
public class ConcurrentUpdateException extends RuntimeException {

    public ConcurrentUpdateException(String collection, String id, long expectedVersion) {
        super(collection + " '" + id + "' was changed by someone else (expected version " + expectedVersion + ")");
    }
}

package org.shelters.platform.outbox;

/**
 * An aggregate as read from its document. {@code version} guards concurrent writes (and is the
 * HTTP ETag); {@code sequence} is the number of events the aggregate has produced so far.
 */
public record Stored<S>(String id, long version, long sequence, S state) {

    public String etag() {
        return "\"" + version + "\"";
    }
}

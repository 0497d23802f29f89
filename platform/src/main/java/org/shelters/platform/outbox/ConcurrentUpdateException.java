package org.shelters.platform.outbox;

import java.util.List;
import org.shelters.platform.domain.Refusal;

/** Someone else changed the aggregate since it was read: reload and try again (409 {@code version-conflict}). */
public class ConcurrentUpdateException extends Refusal {

    public ConcurrentUpdateException(String collection, String id, long expectedVersion) {
        super(Kind.CONFLICT, "version-conflict", collection + " '" + id
                + "' was changed by someone else (expected version " + expectedVersion + "); reload and retry", List.of());
    }
}

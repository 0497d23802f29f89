package org.shelters.platform.outbox;

import java.util.List;
import org.shelters.platform.domain.Refusal;

/** An aggregate with this id is already stored (409 {@code already-exists}). */
public class AggregateAlreadyExistsException extends Refusal {

    public AggregateAlreadyExistsException(String collection, String id) {
        super(Kind.CONFLICT, "already-exists", collection + " '" + id + "' already exists", List.of());
    }
}

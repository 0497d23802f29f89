package org.shelters.platform.outbox;

import java.util.List;
import org.shelters.platform.domain.Refusal;

/** No aggregate with this id (404 {@code not-found}); {@code what} is its singular name, e.g. "agreement". */
public class AggregateNotFoundException extends Refusal {

    private final String what;
    private final String id;

    public AggregateNotFoundException(String what, String id) {
        super(Kind.NOT_FOUND, "not-found", what + " '" + id + "' does not exist", List.of());
        this.what = what;
        this.id = id;
    }

    public String what() {
        return what;
    }

    public String id() {
        return id;
    }
}

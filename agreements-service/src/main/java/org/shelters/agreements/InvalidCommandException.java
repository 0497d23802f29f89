package org.shelters.agreements;

import java.util.List;

/** The command is malformed (missing or out-of-range values); rendered as 400 naming each field. */
public class InvalidCommandException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidCommandException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse("invalid"));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}

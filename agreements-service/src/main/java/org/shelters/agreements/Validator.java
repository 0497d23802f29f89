package org.shelters.agreements;

import java.util.ArrayList;
import java.util.List;

/** Collects every violation of a command before refusing it, so the client sees all fields at fault at once. */
public final class Validator {

    private final List<Violation> violations = new ArrayList<>();

    public Validator require(boolean condition, String field, String message) {
        if (!condition) {
            violations.add(new Violation(field, message));
        }
        return this;
    }

    public boolean notNull(Object value, String field) {
        if (value == null) {
            violations.add(new Violation(field, "is required"));
            return false;
        }
        return true;
    }

    public boolean notBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(field, "is required"));
            return false;
        }
        return true;
    }

    public boolean nonNegative(Integer value, String field) {
        if (!notNull(value, field)) {
            return false;
        }
        if (value < 0) {
            violations.add(new Violation(field, "must not be negative"));
            return false;
        }
        return true;
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    public void throwIfInvalid() {
        if (!violations.isEmpty()) {
            throw new InvalidCommandException(violations);
        }
    }
}

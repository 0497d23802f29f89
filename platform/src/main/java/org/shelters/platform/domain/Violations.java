package org.shelters.platform.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every field at fault in a command before refusing it, so the client sees them all in
 * one answer instead of one per attempt.
 */
public final class Violations {

    private final List<FieldError> errors = new ArrayList<>();

    public Violations require(boolean condition, String field, String message) {
        if (!condition) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    public Violations add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean notNull(Object value, String field) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
            return false;
        }
        return true;
    }

    public boolean notBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return false;
        }
        return true;
    }

    public boolean nonNegative(Integer value, String field) {
        if (!notNull(value, field)) {
            return false;
        }
        if (value < 0) {
            errors.add(new FieldError(field, "must not be negative"));
            return false;
        }
        return true;
    }

    public boolean positive(BigDecimal value, String field) {
        if (!notNull(value, field)) {
            return false;
        }
        if (value.signum() <= 0) {
            errors.add(new FieldError(field, "must be greater than 0"));
            return false;
        }
        return true;
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    /** @throws Refusal of kind INVALID naming every field collected, if any */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
    }
}

package org.shelters.agreements.web;

import java.util.ArrayList;
import java.util.List;
import org.shelters.agreements.InvalidCommandException;
import org.shelters.agreements.Violation;

/** Validated paging parameters: page from 0, size 1..200. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 200;

    public static PageRequest of(int page, int size) {
        List<Violation> violations = new ArrayList<>();
        if (page < 0) {
            violations.add(new Violation("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_SIZE) {
            violations.add(new Violation("size", "must be between 1 and " + MAX_SIZE));
        }
        if (!violations.isEmpty()) {
            throw new InvalidCommandException(violations);
        }
        return new PageRequest(page, size);
    }

    public int skip() {
        return page * size;
    }
}

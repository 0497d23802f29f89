package org.shelters.platform.query;

import java.util.ArrayList;
import java.util.List;
import org.shelters.platform.domain.FieldError;
import org.shelters.platform.domain.Refusal;

/**
 * Validated paging parameters, the same for every list endpoint: {@code page} from 0,
 * {@code size} from 1 to {@link #MAX_SIZE}, and no page so far out that its offset overflows.
 */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 500;
    public static final int DEFAULT_SIZE = 50;

    public PageRequest {
        List<FieldError> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(new FieldError("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_SIZE) {
            errors.add(new FieldError("size", "must be between 1 and " + MAX_SIZE));
        }
        if (errors.isEmpty() && (long) page * size > Integer.MAX_VALUE) {
            errors.add(new FieldError("page", "is beyond the last possible page for size " + size));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
    }

    public static PageRequest of(int page, int size) {
        return new PageRequest(page, size);
    }

    /** How many items come before this page. */
    public int offset() {
        return page * size;
    }

    public <T> Page<T> of(List<T> items, long total) {
        return new Page<>(items, page, size, total);
    }
}

package org.shelters.agreements.web;

import java.util.List;

/** One page of a list endpoint; {@code page} is zero-based, {@code total} counts every match. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {
}

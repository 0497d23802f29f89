package org.shelters.platform.domain;

/** One field at fault in a request; {@code field} is its JSON path, e.g. {@code commitments[0].quantity}. */
public record FieldError(String field, String message) {
}

package org.shelters.agreements;

/** One field at fault in a command; {@code field} is the JSON path of the request, e.g. {@code commitments[0].quantity}. */
public record Violation(String field, String message) {
}

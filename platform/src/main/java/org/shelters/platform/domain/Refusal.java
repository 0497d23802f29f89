package org.shelters.platform.domain;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one way a command or query is refused, anywhere: in an aggregate, a service, the store or
 * a filter. It carries no HTTP type: the web layer maps {@link Kind} to a status (INVALID 400,
 * NOT_FOUND 404, CONFLICT 409, RULE 422, FORBIDDEN 403) and renders RFC 9457 problem+json with the stable
 * problem {@code type} ({@code urn:shelters:problem:<type>}) and the fields at fault.
 *
 * <p>A refusal is an expected outcome, not a fault, so it records no stack trace.
 */
public class Refusal extends RuntimeException {

    /** What kind of refusal, which decides the status a client sees and whether it may retry. */
    public enum Kind {
        /** The request itself is malformed or out of bounds; every field at fault is named. */
        INVALID,
        /** What the request names does not exist. */
        NOT_FOUND,
        /** The request does not fit the current state (an illegal transition, a stale version, a duplicate). */
        CONFLICT,
        /** Well-formed, but a programme rule refuses it. */
        RULE,
        /** The caller may not act on what the request names (e.g. a shelter partner on another shelter). */
        FORBIDDEN
    }

    public static final String INVALID_REQUEST = "invalid-request";

    private final Kind kind;
    private final String type;
    private final List<FieldError> errors;

    public Refusal(Kind kind, String type, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.kind = kind;
        this.type = type;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** 400: every field at fault, in one answer. */
    public static Refusal invalid(List<FieldError> errors) {
        String detail = errors.isEmpty() ? "invalid request"
                : errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        return new Refusal(Kind.INVALID, INVALID_REQUEST, detail, errors);
    }

    public static Refusal invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static Refusal notFound(String what, String id) {
        return new Refusal(Kind.NOT_FOUND, "not-found", what + " '" + id + "' does not exist", List.of());
    }

    public static Refusal conflict(String type, String detail) {
        return new Refusal(Kind.CONFLICT, type, detail, List.of());
    }

    /** 422; {@code field} may be null when the rule is about the command as a whole. */
    public static Refusal rule(String type, String field, String detail) {
        return new Refusal(Kind.RULE, type, detail, field == null ? List.of() : List.of(new FieldError(field, detail)));
    }

    public Kind kind() {
        return kind;
    }

    /** The stable problem type, e.g. {@code illegal-transition}. */
    public String type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }
}

package org.shelters.agreements;

/** Well-formed, but a programme rule refuses it (e.g. signing without commitments); 422. */
public class RuleViolationException extends RuntimeException {

    private final String type;
    private final String field;

    public RuleViolationException(String type, String field, String detail) {
        super(detail);
        this.type = type;
        this.field = field;
    }

    public String type() {
        return type;
    }

    public String field() {
        return field;
    }
}

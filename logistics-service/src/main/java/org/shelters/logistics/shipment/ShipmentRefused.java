package org.shelters.logistics.shipment;

/**
 * A shipment rule refuses a command. Pure domain: the web layer turns {@link Kind} into the
 * HTTP status (INVALID 400, CONFLICT 409, RULE 422); {@code type} is the stable problem type.
 */
public class ShipmentRefused extends RuntimeException {

    public enum Kind { INVALID, CONFLICT, RULE }

    private final Kind kind;
    private final String type;
    private final String field;

    public ShipmentRefused(Kind kind, String type, String field, String detail) {
        super(detail);
        this.kind = kind;
        this.type = type;
        this.field = field;
    }

    public static ShipmentRefused invalid(String field, String detail) {
        return new ShipmentRefused(Kind.INVALID, "invalid-request", field, detail);
    }

    public static ShipmentRefused conflict(String type, String detail) {
        return new ShipmentRefused(Kind.CONFLICT, type, null, detail);
    }

    public static ShipmentRefused rule(String type, String field, String detail) {
        return new ShipmentRefused(Kind.RULE, type, field, detail);
    }

    public static ShipmentRefused agreementNotActive(String agreementId, String why) {
        return conflict("agreement-not-active", "agreement '" + agreementId + "' " + why
                + "; shipments can be planned and dispatched only under a signed agreement in force");
    }

    public Kind kind() {
        return kind;
    }

    public String type() {
        return type;
    }

    public String field() {
        return field;
    }
}

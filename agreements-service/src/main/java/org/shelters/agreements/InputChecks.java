package org.shelters.agreements;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.shelters.platform.domain.Violations;

/**
 * Checks on request values that the JSON parser accepts but the rest of the way cannot carry: a
 * date the event schemas cannot state ({@code yyyy-MM-dd}, so four-digit years) and a number
 * MongoDB's Decimal128 cannot hold exactly. Refusing them here keeps such input a 400 naming the
 * field instead of a 500 from the store or an event no consumer accepts.
 */
public final class InputChecks {

    public static final LocalDate EARLIEST_DATE = LocalDate.of(1, 1, 1);
    public static final LocalDate LATEST_DATE = LocalDate.of(9999, 12, 31);
    /** Decimal128 holds 34 significant digits and decimal exponents from -6176 to 6111. */
    static final int MAX_DIGITS = 34;
    private static final int MIN_SCALE = -6111;
    private static final int MAX_SCALE = 6176;

    private InputChecks() {
    }

    /** @return true when {@code date} is present and within {@link #EARLIEST_DATE}..{@link #LATEST_DATE} */
    public static boolean date(Violations v, LocalDate date, String field) {
        if (!v.notNull(date, field)) {
            return false;
        }
        if (date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE)) {
            v.add(field, "must be between " + EARLIEST_DATE + " and " + LATEST_DATE);
            return false;
        }
        return true;
    }

    /** @return true when {@code value} is present and Decimal128 holds it exactly (at most 34 significant digits) */
    public static boolean decimal(Violations v, BigDecimal value, String field) {
        if (!v.notNull(value, field)) {
            return false;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.precision() > MAX_DIGITS || stripped.scale() < MIN_SCALE || stripped.scale() > MAX_SCALE) {
            v.add(field, "must be a number of at most " + MAX_DIGITS + " significant digits");
            return false;
        }
        return true;
    }
}

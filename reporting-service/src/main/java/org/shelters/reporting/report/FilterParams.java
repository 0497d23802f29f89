package org.shelters.reporting.report;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.shelters.Corridor;
import org.shelters.platform.domain.Violations;
import org.shelters.reporting.read.ReportFilter;

/**
 * The filters as the query string carries them (all optional). Parsed here so that every bad
 * value is named in one problem+json response.
 */
public record FilterParams(String state, String corridor, String donor, String phase, String category,
                           String from, String to) {

    /** @param zone the programme zone: which day a delivery or dispatch time falls on */
    public ReportFilter toFilter(ZoneId zone) {
        Violations violations = new Violations();
        violations.require(state == null || state.matches("MX-[A-Z]{2,3}"), "state",
                "must be an ISO 3166-2:MX code such as MX-CHP");
        Corridor corridorValue = choice(Corridor.class, "corridor", corridor, violations);
        SupplyCategory categoryValue = choice(SupplyCategory.class, "category", category, violations);
        LocalDate fromDate = date("from", from, violations);
        LocalDate toDate = date("to", to, violations);
        violations.require(fromDate == null || toDate == null || !fromDate.isAfter(toDate), "from", "must not be after 'to'");
        violations.throwIfAny();
        return new ReportFilter(blankToNull(state), corridorValue, blankToNull(donor), blankToNull(phase), categoryValue,
                fromDate, toDate, zone);
    }

    /** The constant named {@code value} (any case, blanks around it ignored); empty when there is none. */
    static <E extends Enum<E>> Optional<E> named(Class<E> type, String value) {
        String name = value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.name().equals(name)).findFirst();
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String field, String value, Violations violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Optional<E> parsed = named(type, value);
        violations.require(parsed.isPresent(), field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        return parsed.orElse(null);
    }

    private static LocalDate date(String field, String value, Violations violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            violations.add(field, "must be a date YYYY-MM-DD");
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

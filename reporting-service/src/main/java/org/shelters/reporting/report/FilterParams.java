package org.shelters.reporting.report;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.MexicanStates;
import org.shelters.platform.domain.Violations;
import org.shelters.reporting.read.ReportFilter;

/**
 * The filters as the query string carries them (all optional). Parsed here so that every bad
 * value is named in one problem+json response. A value outside a closed list (a state, corridor
 * or category that does not exist) is refused, never ignored: ignoring it would answer
 * unfiltered figures as if they were filtered, and matching nothing would answer zeros. Donor and
 * phase are free text (programmes name them), so any value is a filter.
 */
public record FilterParams(String state, String corridor, String donor, String phase, String category,
                           String from, String to) {

    /** @param zone the programme zone: which day a delivery or dispatch time falls on */
    public ReportFilter toFilter(ZoneId zone) {
        Violations violations = new Violations();
        ReportFilter filter = toFilter(zone, violations);
        violations.throwIfAny();
        return filter;
    }

    /**
     * As {@link #toFilter(ZoneId)}, adding the bad values to {@code violations} instead of refusing,
     * so a report that takes more parameters names them all in one answer; the caller refuses.
     */
    public ReportFilter toFilter(ZoneId zone, Violations violations) {
        String stateCode = blankToNull(state) == null ? null : state.trim().toUpperCase(Locale.ROOT);
        violations.require(stateCode == null || MexicanStates.isValid(stateCode), "state",
                "must be one of the 32 ISO 3166-2:MX state codes, such as MX-CHP");
        Corridor corridorValue = choice(Corridor.class, "corridor", corridor, violations);
        SupplyCategory categoryValue = choice(SupplyCategory.class, "category", category, violations);
        LocalDate fromDate = date("from", from, violations);
        LocalDate toDate = date("to", to, violations);
        violations.require(fromDate == null || toDate == null || !fromDate.isAfter(toDate), "from", "must not be after 'to'");
        return new ReportFilter(stateCode, corridorValue, blankToNull(donor), blankToNull(phase), categoryValue,
                fromDate, toDate, zone);
    }

    /** The constant named {@code value} (any case, blanks around it ignored); empty when there is none. */
    private static <E extends Enum<E>> Optional<E> named(Class<E> type, String value) {
        String name = value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.name().equals(name)).findFirst();
    }

    /** The constant of {@code type} named {@code value} (any case), or null for none; a bad one is added to {@code violations}. */
    static <E extends Enum<E>> E choice(Class<E> type, String field, String value, Violations violations, String allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Optional<E> parsed = named(type, value);
        violations.require(parsed.isPresent(), field, "must be one of " + allowed);
        return parsed.orElse(null);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String field, String value, Violations violations) {
        return choice(type, field, value, violations,
                Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
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

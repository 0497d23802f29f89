package org.shelters.reporting.report;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.shelters.Corridor;
import org.shelters.platform.web.ApiException;
import org.shelters.reporting.projection.ReportFilter;

/**
 * The filters as the query string carries them (all optional). Parsed here so that every bad
 * value is named in one problem+json response.
 */
public record FilterParams(String state, String corridor, String donor, String phase, String category,
                           String from, String to) {

    /** @param zone the programme zone: which day a delivery or dispatch time falls on */
    public ReportFilter toFilter(ZoneId zone) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        if (state != null && !state.matches("MX-[A-Z]{2,3}")) {
            errors.add(new ApiException.FieldError("state", "must be an ISO 3166-2:MX code such as MX-CHP"));
        }
        Corridor corridorValue = parse(Corridor.class, "corridor", corridor, errors);
        SupplyCategory categoryValue = parse(SupplyCategory.class, "category", category, errors);
        LocalDate fromDate = date("from", from, errors);
        LocalDate toDate = date("to", to, errors);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            errors.add(new ApiException.FieldError("from", "must not be after 'to'"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new ReportFilter(blankToNull(state), corridorValue, blankToNull(donor), blankToNull(phase), categoryValue,
                fromDate, toDate, zone);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value,
                                               List<ApiException.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new ApiException.FieldError(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    private static LocalDate date(String field, String value, List<ApiException.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new ApiException.FieldError(field, "must be a date YYYY-MM-DD"));
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

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
import org.shelters.reporting.read.ReportingPeriod;

/**
 * The filters as the query string carries them (all optional). Parsed here so that every bad
 * value is named in one problem+json response. A value outside a closed list (a state, corridor
 * or category that does not exist) is refused, never ignored: ignoring it would answer
 * unfiltered figures as if they were filtered, and matching nothing would answer zeros. Donor and
 * phase are free text (programmes name them), so any value is a filter.
 *
 * <p>{@code period} is a fixed reporting period ({@link ReportingPeriod}: {@code 2026-11},
 * {@code 2026-Q4}), the same as the window from its first to its last day; it is given instead of
 * {@code from}/{@code to}, never with them. A caller who reads fixed periods only (a donor) may
 * not choose a window at all, and gets the last completed month when it names no period.
 */
public record FilterParams(String state, String corridor, String donor, String phase, String category,
                           String from, String to, String period) {

    /** Without a period: a window ({@code from}/{@code to}) or none. */
    public FilterParams(String state, String corridor, String donor, String phase, String category, String from,
                        String to) {
        this(state, corridor, donor, phase, category, from, to, null);
    }

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
        return toFilter(zone, violations, null);
    }

    /**
     * As {@link #toFilter(ZoneId, Violations)}; with {@code fixedPeriodsEndedBefore} (a donor's
     * request: today), only a fixed period that has ended before that day is taken — the current
     * month still changes from day to day, so reading it every day would give each day's counts
     * away — and {@code from} or {@code to} is refused, naming them.
     */
    public ReportFilter toFilter(ZoneId zone, Violations violations, LocalDate fixedPeriodsEndedBefore) {
        String stateCode = blankToNull(state) == null ? null : state.trim().toUpperCase(Locale.ROOT);
        violations.require(stateCode == null || MexicanStates.isValid(stateCode), "state",
                "must be one of the 32 ISO 3166-2:MX state codes, such as MX-CHP");
        Corridor corridorValue = choice(Corridor.class, "corridor", corridor, violations);
        SupplyCategory categoryValue = choice(SupplyCategory.class, "category", category, violations);
        LocalDate fromDate = date("from", from, violations);
        LocalDate toDate = date("to", to, violations);
        violations.require(fromDate == null || toDate == null || !fromDate.isAfter(toDate), "from", "must not be after 'to'");
        ReportingPeriod reportingPeriod = period(violations);
        if (fixedPeriodsEndedBefore != null) {
            violations.require(blankToNull(from) == null, "from", FIXED_PERIODS_ONLY);
            violations.require(blankToNull(to) == null, "to", FIXED_PERIODS_ONLY);
            if (reportingPeriod == null && blankToNull(period) == null) {
                reportingPeriod = ReportingPeriod.lastCompletedMonth(fixedPeriodsEndedBefore);
            }
            violations.require(reportingPeriod == null || reportingPeriod.endedBefore(fixedPeriodsEndedBefore), "period",
                    "must be a month or quarter that has ended: the current one still changes from day to day");
        } else {
            violations.require(reportingPeriod == null || (fromDate == null && toDate == null), "period",
                    "give either a period or from/to, not both");
        }
        if (reportingPeriod != null) {
            fromDate = reportingPeriod.from();
            toDate = reportingPeriod.to();
        }
        return new ReportFilter(stateCode, corridorValue, blankToNull(donor), blankToNull(phase), categoryValue,
                fromDate, toDate, zone);
    }

    static final String FIXED_PERIODS_ONLY = "is not taken from a donor, who reads fixed reporting periods only: use period="
            + "YYYY-MM or YYYY-Qn (default: the last completed month)";

    private ReportingPeriod period(Violations violations) {
        if (blankToNull(period) == null) {
            return null;
        }
        var parsed = ReportingPeriod.parse(period);
        violations.require(parsed.isPresent(), "period", "must be " + ReportingPeriod.FORMAT);
        return parsed.orElse(null);
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

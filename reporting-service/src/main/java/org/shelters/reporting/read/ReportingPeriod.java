package org.shelters.reporting.read;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fixed reporting period: a calendar month ({@code 2026-11}) or quarter ({@code 2026-Q4}). Donors
 * read figures only by such periods, never by a window of their own choosing: two windows that
 * differ by one day would give that day's counts away by subtraction, however small they are.
 *
 * @param name as given, normalised ({@code 2026-11}, {@code 2026-Q4})
 * @param from the first day, inclusive
 * @param to   the last day, inclusive
 */
public record ReportingPeriod(String name, LocalDate from, LocalDate to) {

    public static final String FORMAT = "a calendar month YYYY-MM or quarter YYYY-Qn, such as 2026-11 or 2026-Q4";
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    /** The period {@code text} names; empty when it names none. */
    public static Optional<ReportingPeriod> parse(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT);
        Matcher quarter = QUARTER.matcher(value);
        if (quarter.matches()) {
            int year = Integer.parseInt(quarter.group(1));
            int q = Integer.parseInt(quarter.group(2));
            YearMonth first = YearMonth.of(year, (q - 1) * 3 + 1);
            return Optional.of(new ReportingPeriod(year + "-Q" + q, first.atDay(1), first.plusMonths(2).atEndOfMonth()));
        }
        if (MONTH.matcher(value).matches()) {
            try {
                YearMonth month = YearMonth.parse(value);
                return Optional.of(month(month));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    public static ReportingPeriod month(YearMonth month) {
        return new ReportingPeriod(month.toString(), month.atDay(1), month.atEndOfMonth());
    }

    /** The last calendar month that has ended on {@code today}. */
    public static ReportingPeriod lastCompletedMonth(LocalDate today) {
        return month(YearMonth.from(today).minusMonths(1));
    }

    /** Whether every day of the period is before {@code today}: its figures no longer grow day by day. */
    public boolean endedBefore(LocalDate today) {
        return to.isBefore(today);
    }
}

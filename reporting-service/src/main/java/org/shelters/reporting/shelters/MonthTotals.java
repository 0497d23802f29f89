package org.shelters.reporting.shelters;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One shelter's reported figures of one calendar month, added up (the latest revision of each
 * day only). A figure over a long range adds whole months from these and reads the days of a
 * month only where the range starts or ends inside it. In longs: each day fits an int, a month of
 * them need not. Only what a long-range figure adds up is kept (people received); a view that shows
 * the groups of a day reads the days themselves.
 */
public class MonthTotals {

    /** How many days of the month have a report. */
    public int days;
    /** The first day of the month with a report (ISO date). */
    public String firstDay;
    public long arrivals;

    /** The totals of {@code days} (ISO date to figures), all of one month; null when there are none. */
    public static MonthTotals of(Map<String, DailyArrivals> days) {
        MonthTotals t = null;
        for (Map.Entry<String, DailyArrivals> day : new TreeMap<>(days).entrySet()) {
            DailyArrivals d = day.getValue();
            if (t == null) {
                t = new MonthTotals();
                t.firstDay = day.getKey();
            }
            t.days++;
            t.arrivals += d.arrivals;
        }
        return t;
    }

    /** The totals of every month of {@code days} (all of a shelter's), by month ({@code YYYY-MM}). */
    public static TreeMap<String, MonthTotals> byMonth(NavigableMap<String, DailyArrivals> days) {
        TreeMap<String, TreeMap<String, DailyArrivals>> months = new TreeMap<>();
        days.forEach((date, figures) -> months.computeIfAbsent(monthOf(date), k -> new TreeMap<>()).put(date, figures));
        TreeMap<String, MonthTotals> totals = new TreeMap<>();
        months.forEach((month, of) -> totals.put(month, of(of)));
        return totals;
    }

    /** {@code YYYY-MM} of an ISO date. */
    public static String monthOf(String date) {
        return date.substring(0, 7);
    }

    /** Whether every day of {@code month} is in [from, to] (null: unbounded on that side). */
    public static boolean covers(YearMonth month, LocalDate from, LocalDate to) {
        return (from == null || !month.atDay(1).isBefore(from)) && (to == null || !month.atEndOfMonth().isAfter(to));
    }

    /** Whether some day of {@code month} is in [from, to]. */
    public static boolean overlaps(YearMonth month, LocalDate from, LocalDate to) {
        return (from == null || !month.atEndOfMonth().isBefore(from)) && (to == null || !month.atDay(1).isAfter(to));
    }
}

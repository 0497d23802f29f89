package org.shelters.reporting.export;

import java.text.Collator;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import org.shelters.events.shelters.MexicanStates;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.platform.domain.Violations;
import org.shelters.reporting.ReportingProperties;
import org.shelters.reporting.access.ReportAccess;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.report.FilterParams;
import org.shelters.reporting.shelters.DailyArrivals;
import org.shelters.reporting.shelters.ShelterDoc;

/**
 * What every export (CSV and IATI) shares: which period a caller may ask for, how small counts
 * are suppressed, the order of the rows, and the people a shelter received over a period.
 */
final class ExportRules {

    /** Spanish as Mexico sorts it: accents are not letters of their own, ñ comes after n. */
    private static final Locale SPANISH = Locale.forLanguageTag("es-MX");

    private final ReportingProperties properties;
    private final ProgrammeCalendar calendar;

    ExportRules(ReportingProperties properties, ProgrammeCalendar calendar) {
        this.properties = properties;
        this.calendar = calendar;
    }

    /** As the caller may ask: a donor by fixed periods that have ended only. */
    ReportFilter filter(FilterParams params, ReportAccess access) {
        Violations violations = new Violations();
        ReportFilter filter = params.toFilter(calendar.zone(), violations, access.donor() ? calendar.today() : null);
        violations.throwIfAny();
        return filter;
    }

    /** The shared threshold for every reader; for a donor the stricter of the two. */
    SmallCells cells(ReportAccess access) {
        int shared = properties.export().smallCellThreshold();
        return new SmallCells(access.donor() ? Math.max(shared, properties.donor().smallCellThreshold()) : shared);
    }

    String programmeOrganisation() {
        return properties.export().implementingAgency();
    }

    /** By state name, municipality and shelter name, as a Spanish reader expects; the id breaks ties. */
    static Comparator<ShelterDoc> byPlace() {
        Collator collator = Collator.getInstance(SPANISH);
        Comparator<String> spanish = Comparator.nullsLast((a, b) -> collator.compare(a, b));
        return Comparator.<ShelterDoc, String>comparing(s -> stateName(s.state), spanish)
                .thenComparing(s -> s.municipality, spanish)
                .thenComparing(s -> s.name, spanish)
                .thenComparing(s -> s.id);
    }

    /** A shelter's agreements by start of their period, then id. */
    static Comparator<AgreementDoc> byPeriod() {
        return Comparator.comparing((AgreementDoc a) -> a.periodStart, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(a -> a.id);
    }

    static String stateName(String code) {
        return code == null ? null : MexicanStates.name(code).orElse(null);
    }

    static LocalDate later(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    static LocalDate earlier(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    /**
     * People a shelter received over [from, to] (null: open), by the groups the exports publish; in
     * longs, since each day's counts fit an int but their sum (and women + girls of one day) need not.
     */
    record Reached(long total, long womenAndGirls, long menAndBoys, long children, long unaccompaniedChildren,
                   long olderPersons, long victims) {

        static Reached of(ShelterDoc shelter, LocalDate from, LocalDate to) {
            long[] r = new long[7];
            for (var e : shelter.arrivals.entrySet()) {
                LocalDate date = LocalDate.parse(e.getKey());
                if ((from != null && date.isBefore(from)) || (to != null && date.isAfter(to))) {
                    continue;
                }
                DailyArrivals d = e.getValue();
                r[0] += d.arrivals;
                r[1] += (long) d.women + d.girls;
                r[2] += (long) d.men + d.boys;
                r[3] += (long) d.girls + d.boys;
                r[4] += d.unaccompaniedChildren;
                r[5] += d.olderPersons;
                r[6] += d.reportedKidnapOrTraffickingVictims;
            }
            return new Reached(r[0], r[1], r[2], r[3], r[4], r[5], r[6]);
        }
    }
}

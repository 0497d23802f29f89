package org.shelters.reporting.access;

import org.shelters.platform.security.Caller;
import org.shelters.platform.security.Role;
import org.shelters.reporting.read.Scope;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What the caller of a report may see, derived from the request's own authentication each time a
 * report is asked (never remembered between requests, never shared between callers):
 *
 * <ul>
 *   <li>{@link Audience#PROGRAMME} — programme officers, logistics officers, analysts and admins:
 *       every shelter, raw counts;</li>
 *   <li>{@link Audience#SHELTERS} — a shelter partner (without a programme-wide role): only the
 *       shelters of its {@code shelters} claim, selected by the store's query before anything is
 *       counted or paged;</li>
 *   <li>{@link Audience#DONOR} — programme-level figures only: fixed reporting periods, small cells
 *       suppressed, no per-day breakdown by group ({@link DonorDisclosure});</li>
 *   <li>{@link Audience#NONE} — any other caller (operations): nothing.</li>
 * </ul>
 *
 * Which operations each may call at all is the service's {@code AccessRules}; this is the
 * object-level half, kept out of the documents and views.
 */
public final class ReportAccess {

    public enum Audience { PROGRAMME, SHELTERS, DONOR, NONE }

    /** Code that runs in-process with no HTTP caller (tests, tools): nothing to scope. */
    private static final ReportAccess IN_PROCESS = new ReportAccess(Audience.PROGRAMME, Scope.ALL);

    private final Audience audience;
    private final Scope scope;

    private ReportAccess(Audience audience, Scope scope) {
        this.audience = audience;
        this.scope = scope;
    }

    /**
     * The access of the current request's caller. Outside any HTTP request there is no caller and
     * programme-wide access applies; every HTTP request reaches a report only through the filter
     * chain, which lets no unauthenticated request through, and an authenticated caller without a
     * reading role sees nothing.
     */
    public static ReportAccess current() {
        Caller caller = Caller.current();
        if (caller.subject() == null && RequestContextHolder.getRequestAttributes() == null) {
            return IN_PROCESS;
        }
        return of(caller);
    }

    public static ReportAccess of(Caller caller) {
        if (caller.isShelterScoped()) {
            return new ReportAccess(Audience.SHELTERS, Scope.of(caller.shelters()));
        }
        if (caller.hasAny(Role.PROGRAMME_OFFICER, Role.LOGISTICS_OFFICER, Role.ANALYST)) {
            return new ReportAccess(Audience.PROGRAMME, Scope.ALL);
        }
        if (caller.has(Role.DONOR)) {
            return new ReportAccess(Audience.DONOR, Scope.ALL);
        }
        return new ReportAccess(Audience.NONE, Scope.NONE);
    }

    public Audience audience() {
        return audience;
    }

    /** The shelters whose documents may be loaded. */
    public Scope scope() {
        return scope;
    }

    public boolean donor() {
        return audience == Audience.DONOR;
    }

    /**
     * Refuses (403) per-shelter records (shelter lists, overviews, agreements, alerts) to a donor,
     * who reads programme-level figures only, and to a caller without a reading role.
     */
    public void requireShelterRecords() {
        if (audience == Audience.DONOR || audience == Audience.NONE) {
            throw Caller.forbidden();
        }
    }

    /**
     * Refuses (403) a single shelter's record to a caller who may not read it: a partner of another
     * shelter (whether or not the id exists, so ids cannot be probed), a donor (programme-level
     * figures only), anyone without a reading role.
     */
    public void requireShelter(String shelterId) {
        requireShelterRecords();
        if (!scope.includes(shelterId)) {
            throw Caller.forbidden();
        }
    }
}

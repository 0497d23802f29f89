package org.shelters.reporting.read;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.shelters.platform.domain.Refusal;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * A request's {@code ?knownAt=}: answer as the platform knew things at {@code instant}, from the
 * events recorded ({@code recordedtime}) at or before it. Set on the request by the web layer
 * before the handler runs, read where the documents are loaded ({@link ReportReader}) and by the
 * programme calendar (which day is "today"), so no report has to pass it along.
 */
public record KnownAt(Instant instant) {

    public static final String PARAMETER = "knownAt";
    static final String ATTRIBUTE = KnownAt.class.getName();
    static final String FORMAT = "an ISO-8601 instant (2026-11-30T18:00:00Z), a date-time with an offset "
            + "(2026-11-30T12:00:00-06:00) or a date (2026-11-30: the end of that day in the programme's time zone)";

    /**
     * {@code value} as given, or a 400 naming {@code knownAt}: malformed, or after {@code now}.
     *
     * @param zone the programme's zone: where a date's day ends
     */
    public static KnownAt parse(String value, Instant now, ZoneId zone) {
        Instant instant = instant(value.trim(), zone);
        if (instant == null) {
            throw Refusal.invalid(PARAMETER, "must be " + FORMAT);
        }
        if (instant.isAfter(now)) {
            throw Refusal.invalid(PARAMETER, "must not be in the future (now is " + now + ")"
                    + (value.trim().length() == 10 ? ": a date means the end of that day, so the day must have ended" : ""));
        }
        return new KnownAt(instant);
    }

    private static Instant instant(String value, ZoneId zone) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            // next form
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notAnOffsetDateTime) {
            // next form
        }
        try {
            return LocalDate.parse(value).plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    /** The current request's, if it has one (never outside a request: scheduled work reads the live state). */
    public static Optional<KnownAt> current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return Optional.empty();
        }
        return Optional.ofNullable((KnownAt) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST));
    }

    /** Makes this the current request's. */
    public void applyToCurrentRequest() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(ATTRIBUTE, this, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** Whether an event recorded at {@code recordedtime} (or, for an event without one, that happened at {@code time}) was known. */
    public boolean knew(Instant recordedtime, Instant time) {
        Instant recorded = recordedtime != null ? recordedtime : time;
        return recorded == null || !recorded.isAfter(instant);
    }
}

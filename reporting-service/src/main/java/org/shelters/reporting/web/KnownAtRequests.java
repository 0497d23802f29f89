package org.shelters.reporting.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Set;
import org.shelters.platform.PlatformProperties;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.platform.domain.Refusal;
import org.shelters.platform.web.KnownParameters;
import org.shelters.reporting.read.KnownAt;
import org.shelters.reporting.read.KnownAtClock;
import org.shelters.reporting.rebuild.RebuildController;
import org.shelters.reporting.rebuild.ScratchGenerations;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code ?knownAt=} on every report, export and audit page: read and checked here (400 naming
 * {@code knownAt} when malformed or in the future) and set on the request before the handler
 * runs, so that the reader loads the state of that instant and the calendar's today is its day.
 * No controller handles it; the platform's {@code KnownParameters} accepts it wherever it is taken
 * ({@link #impliedKnownAt}).
 */
@Configuration
@EnableConfigurationProperties(ScratchGenerations.Settings.class)
public class KnownAtRequests implements WebMvcConfigurer, HandlerInterceptor {

    static final String[] PATHS = {"/api/reports/**", "/api/audit/**"};
    private static final String DESCRIPTION = "Answer as the platform knew it at this past instant: only events recorded "
            + "(recordedtime) at or before it count, and 'today' is its day in the programme's time zone, so the same "
            + "knownAt gives the same answer after later corrections. " + "An ISO-8601 instant (2026-11-30T18:00:00Z), "
            + "a date-time with an offset (2026-11-30T12:00:00-06:00) or a date (2026-11-30: the end of that day). "
            + "Malformed or in the future: 400. Before the first event: an empty programme. The first request for an "
            + "instant replays the topics (see the README for what it costs); the last few instants are kept.";

    private final Clock clock;
    private final PlatformProperties platform;

    public KnownAtRequests(Clock clock, PlatformProperties platform) {
        this.clock = clock;
        this.platform = platform;
    }

    /** The calendar of every report: today is the knownAt's day when the request has one. */
    @Bean
    ProgrammeCalendar programmeCalendar() {
        return new ProgrammeCalendar(new KnownAtClock(clock), platform.getTimeZone());
    }

    /** {@code knownAt} is a parameter of every operation that takes it, though no handler binds it. */
    @Bean
    KnownParameters.Implied impliedKnownAt() {
        return method -> takesKnownAt(method) && isUnder(method) ? Set.of(KnownAt.PARAMETER) : Set.of();
    }

    @Bean
    OpenApiCustomizer knownAtParameter() {
        return this::document;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns(PATHS);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String[] values = request.getParameterValues(KnownAt.PARAMETER);
        if (values != null && handler instanceof HandlerMethod method && "GET".equals(request.getMethod())
                && takesKnownAt(method)) {
            if (values.length > 1) {
                throw Refusal.invalid(KnownAt.PARAMETER, "give it once: one instant per answer");
            }
            KnownAt.parse(values[0], clock.instant(), platform.getTimeZone()).applyToCurrentRequest();
        }
        return true;
    }

    /** A handler of the reports, exports or audit trail (the paths this interceptor is registered for). */
    private static boolean isUnder(HandlerMethod method) {
        String pkg = method.getBeanType().getPackageName();
        return pkg.startsWith("org.shelters.reporting.report") || pkg.startsWith("org.shelters.reporting.export")
                || pkg.startsWith("org.shelters.reporting.audit");
    }

    /** Every GET of the reports, exports and audit trail, but not the rebuild's progress (which is live by nature). */
    static boolean takesKnownAt(HandlerMethod method) {
        return !RebuildController.class.isAssignableFrom(method.getBeanType());
    }

    /** Idempotent: springdoc may run customizers more than once on the same document. */
    void document(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            Operation get = item.getGet();
            boolean taken = (path.startsWith("/api/reports/") || path.startsWith("/api/audit/"))
                    && !path.startsWith("/api/reports/rebuild");
            if (get != null && taken && (get.getParameters() == null
                    || get.getParameters().stream().noneMatch(p -> KnownAt.PARAMETER.equals(p.getName())))) {
                get.addParametersItem(new Parameter().in("query").name(KnownAt.PARAMETER).required(false)
                        .description(DESCRIPTION).example("2026-11-30T18:00:00Z")
                        .schema(new StringSchema()));
            }
        });
    }
}

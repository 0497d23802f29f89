package org.shelters.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.shelters.events.EventMetadata;
import org.shelters.platform.context.CommandContext;
import org.shelters.events.Events;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes {@code X-Correlation-Id} and W3C {@code traceparent} from the request (or makes new ones),
 * so every event a command causes carries them, and echoes the correlation id in the response.
 */
public class CommandContextFilter extends OncePerRequestFilter {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final Pattern TRACEPARENT = Pattern.compile("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");
    private static final Pattern SAFE_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,100}$");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String correlation = request.getHeader(CORRELATION_HEADER);
        if (correlation == null || !SAFE_ID.matcher(correlation).matches()) {
            correlation = UUID.randomUUID().toString();
        }
        String traceparent = request.getHeader("traceparent");
        if (traceparent == null || !TRACEPARENT.matcher(traceparent).matches()) {
            traceparent = Events.newTraceparent();
        }
        response.setHeader(CORRELATION_HEADER, correlation);
        CommandContext.set(new EventMetadata(correlation, null, traceparent));
        MDC.put("correlationId", correlation);
        MDC.put("traceId", traceparent.substring(3, 35));
        try {
            chain.doFilter(request, response);
        } finally {
            CommandContext.clear();
            MDC.remove("correlationId");
            MDC.remove("traceId");
        }
    }
}

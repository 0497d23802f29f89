package org.shelters.platform.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.shelters.platform.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Commands per caller: a Bucket4j token bucket per subject (burst, then a steady rate), checked
 * after the caller is authenticated and authorised. Over the limit: 429 problem+json with
 * {@code Retry-After}, nothing done. Buckets live in this instance (N instances allow N times the
 * rate; the limit protects each instance and its store, not a global quota); the least recently
 * seen callers beyond {@code max-callers} are forgotten.
 */
public class CommandRateLimitFilter extends OncePerRequestFilter {

    private static final Set<String> COMMANDS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final SecurityProperties.RateLimit limit;
    private final Map<String, Bucket> buckets;

    public CommandRateLimitFilter(SecurityProperties.RateLimit limit) {
        this.limit = limit;
        int max = limit.getMaxCallers();
        this.buckets = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > max;
            }
        });
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limit.isEnabled() || !COMMANDS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String subject = Caller.current().subject();
        if (subject == null) {
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(subject, s -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        Problems.write(response, Problems.tooManyRequests(seconds));
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.getBurst())
                        .refillGreedy(limit.getPerSecond(), Duration.ofSeconds(1)).build())
                .build();
    }
}

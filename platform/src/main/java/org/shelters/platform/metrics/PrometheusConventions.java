package org.shelters.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps the scraped output clean under {@code promtool check metrics}: every series has help
 * text, and meters whose names break Prometheus conventions (abbreviated units such as
 * {@code _ms}/{@code _ns}, gauges ending in {@code _count}) are dropped. What is dropped is
 * either covered by a base-unit twin (JVM and process CPU time) or Kafka client internals that
 * operations do not use; consumer lag per partition stays. Spring Security's per-filter counters
 * (class names inside metric names) are dropped too.
 */
public class PrometheusConventions implements MeterFilter {

    private static final Pattern ABBREVIATED_UNIT = Pattern.compile("(^|\\.)(ms|ns|us)(\\.|$)");

    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("http.server.requests", "Duration of HTTP requests handled by this service"),
            Map.entry("http.server.requests.active", "HTTP requests in progress"),
            Map.entry("tomcat.sessions.active.current", "HTTP sessions currently active"),
            Map.entry("tomcat.sessions.active.max", "Most HTTP sessions active at once"),
            Map.entry("tomcat.sessions.alive.max", "Longest time an expired HTTP session was alive"),
            Map.entry("tomcat.sessions.created", "HTTP sessions created"),
            Map.entry("tomcat.sessions.expired", "HTTP sessions expired"),
            Map.entry("tomcat.sessions.rejected", "HTTP sessions rejected because the maximum was reached"),
            Map.entry("outbox.published", "Events acknowledged by Kafka and removed from the outbox"),
            Map.entry("events.consumed", "Events received by this service's consumer, by outcome (applied or duplicate)"),
            Map.entry("events.dead.lettered", "Records sent to a dead-letter topic after failing"),
            Map.entry("events.consume.lag", "Time from an event being recorded to this service applying it"));

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        String name = id.getName();
        String unit = id.getBaseUnit();
        // Spring Security's per-filter event counters carry Java class names (camelCase) in the metric
        // name; http.server.requests already times every request, 401 and 403 included
        if (name.startsWith("spring.security.filterchains.") && !name.equals("spring.security.filterchains")) {
            return MeterFilterReply.DENY;
        }
        if (ABBREVIATED_UNIT.matcher(name).find() || (unit != null && ABBREVIATED_UNIT.matcher(unit).find())) {
            return MeterFilterReply.DENY;
        }
        boolean plainSeries = id.getType() == Meter.Type.COUNTER || id.getType() == Meter.Type.GAUGE;
        if (plainSeries && name.endsWith(".count") && !name.equals("system.cpu.count")) {
            return MeterFilterReply.DENY;
        }
        return MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        Meter.Id mapped = id;
        if (id.getName().equals("system.cpu.count")) {
            mapped = mapped.withName("system.cpus");
        }
        if (mapped.getDescription() == null || mapped.getDescription().isBlank()) {
            String help = HELP.getOrDefault(mapped.getName(), describe(mapped.getName()));
            mapped = new Meter.Id(mapped.getName(), io.micrometer.core.instrument.Tags.of(mapped.getTagsAsIterable()),
                    mapped.getBaseUnit(), help, mapped.getType());
        }
        return mapped;
    }

    private static String describe(String name) {
        if (name.startsWith("kafka.")) {
            return "Kafka client metric " + name.substring("kafka.".length()).replace('.', ' ');
        }
        return name.replace('.', ' ');
    }
}

package org.shelters.agreements.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.shelters.agreements.AgreementsProperties;
import org.shelters.agreements.agreement.AgreementRepository;
import org.shelters.agreements.agreement.AgreementStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The {@code agreements{status}} gauge: agreements in this service's collection per status,
 * counted in Mongo (indexed on the status) every {@code agreements.metrics.refresh-interval}
 * (10 s) rather than on every scrape; a scrape reads the cached figures. If Mongo cannot be reached
 * the last figures stay (readiness reports the outage).
 */
@Component
public class AgreementsByStatus implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AgreementsByStatus.class);

    private final AgreementRepository agreements;
    private final Duration interval;
    private final Map<AgreementStatus, AtomicLong> counts = new EnumMap<>(AgreementStatus.class);

    public AgreementsByStatus(AgreementRepository agreements, MeterRegistry registry, AgreementsProperties properties) {
        this.agreements = agreements;
        this.interval = properties.metrics().refreshInterval();
        for (AgreementStatus status : AgreementStatus.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            Gauge.builder("agreements", count, AtomicLong::get)
                    .description("Cooperation agreements by status (refreshed from the database every few seconds)")
                    .tag("status", status.name())
                    .register(registry);
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::refreshSafely, interval, Duration.ZERO));
    }

    /** Counts the agreements per status now (the scheduled task calls this). */
    public void refresh() {
        for (AgreementStatus status : AgreementStatus.values()) {
            counts.get(status).set(agreements.countWithStatus(status));
        }
    }

    private void refreshSafely() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("could not count agreements by status; the gauge keeps its last values: {}", e.toString());
        }
    }
}

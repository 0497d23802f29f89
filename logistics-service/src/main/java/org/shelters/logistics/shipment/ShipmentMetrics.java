package org.shelters.logistics.shipment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.shelters.events.EventSwitch;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.logistics.DeliveredLine;
import org.shelters.events.logistics.LogisticsEvent;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.logistics.ShipmentCancelled;
import org.shelters.events.logistics.ShipmentPlanned;
import org.shelters.events.logistics.SuppliesDelivered;
import org.shelters.events.logistics.SuppliesDispatched;
import org.shelters.platform.domain.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Domain metrics of logistics (Prometheus names in brackets): shipment lifecycle events
 * [{@code shipments_total{event="planned|dispatched|delivered|cancelled"}}], delivered items by
 * category and outcome [{@code supplies_items_total{category,outcome="accepted|rejected",reason}}],
 * reason {@code none} for accepted items, and shipments flagged for follow-up
 * [{@code shipments_follow_up}], counted in Mongo every {@code logistics.metrics.refresh-interval}
 * (10 s), not on every scrape.
 *
 * <p>Counters are incremented from the events of a command after its single-document write
 * succeeded ({@link #recorded}); every series is registered at 0 on start-up, because
 * {@code increase()} in the alert rules cannot see the first increment of a series that appears above 0.
 * What each logistics event counts is {@link #COUNT}: a new logistics event type fails the class's
 * loading (and so every test that starts the service) until it is counted or explicitly ignored.
 */
@Component
public class ShipmentMetrics implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ShipmentMetrics.class);
    static final String NO_REASON = "none";

    private static final EventSwitch<LogisticsEvent, ShipmentMetrics> COUNT =
            EventSwitch.over(LogisticsEvent.class, ShipmentMetrics.class)
                    .on(ShipmentPlanned.class, (metrics, planned) -> metrics.lifecycle("planned"))
                    .on(SuppliesDispatched.class, (metrics, dispatched) -> metrics.lifecycle("dispatched"))
                    .on(SuppliesDelivered.class, ShipmentMetrics::delivered)
                    .on(ShipmentCancelled.class, (metrics, cancelled) -> metrics.lifecycle("cancelled"))
                    .build();

    private final ShipmentRepository repository;
    private final Duration interval;
    private final Map<String, Counter> shipments = new HashMap<>();
    private final Map<String, Counter> items = new HashMap<>();
    private final AtomicLong followUp = new AtomicLong();

    public ShipmentMetrics(ShipmentRepository repository, MeterRegistry registry,
                           @Value("${logistics.metrics.refresh-interval:10s}") Duration interval) {
        this.repository = repository;
        this.interval = interval;
        for (String event : List.of("planned", "dispatched", "delivered", "cancelled")) {
            shipments.put(event, Counter.builder("shipments")
                    .description("Shipment lifecycle events: planned, dispatched, delivered (proof of delivery) or cancelled")
                    .tag("event", event)
                    .register(registry));
        }
        for (SupplyCategory category : SupplyCategory.values()) {
            items.put(key(category, "accepted", NO_REASON), items(registry, category, "accepted", NO_REASON));
            for (RejectionReason reason : RejectionReason.values()) {
                items.put(key(category, "rejected", reason.name()), items(registry, category, "rejected", reason.name()));
            }
        }
        Gauge.builder("shipments.follow.up", followUp, AtomicLong::get)
                .description("Dispatched shipments flagged for follow-up because their agreement stopped (suspended, terminated, expired, completed)"
                        + " (refreshed from the database every few seconds)")
                .register(registry);
    }

    private static Counter items(MeterRegistry registry, SupplyCategory category, String outcome, String reason) {
        return Counter.builder("supplies.items")
                .description("Delivered item quantities confirmed at shelters, accepted or rejected, by category and rejection reason")
                .tag("category", category.name())
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry);
    }

    private static String key(SupplyCategory category, String outcome, String reason) {
        return category.name() + '/' + outcome + '/' + reason;
    }

    /** Counts what a stored command changed, from the events written with it. */
    public void recorded(Decision<Shipment> decision) {
        decision.eventsOf(LogisticsEvent.class).forEach(event -> COUNT.apply(this, event));
    }

    private void lifecycle(String event) {
        shipments.get(event).increment();
    }

    private void delivered(SuppliesDelivered delivered) {
        lifecycle("delivered");
        delivered.lines().forEach(this::deliveredLine);
    }

    private void deliveredLine(DeliveredLine line) {
        if (line.category() == null) {
            return;
        }
        add(items.get(key(line.category(), "accepted", NO_REASON)), line.quantityAccepted());
        if (line.quantityRejected() != null && line.quantityRejected().signum() > 0) {
            RejectionReason reason = line.rejectionReason() == null ? RejectionReason.OTHER : line.rejectionReason();
            add(items.get(key(line.category(), "rejected", reason.name())), line.quantityRejected());
        }
    }

    private static void add(Counter counter, BigDecimal quantity) {
        if (quantity != null && quantity.signum() > 0) {
            counter.increment(quantity.doubleValue());
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::refreshSafely, interval, Duration.ZERO));
    }

    /** Counts the shipments flagged for follow-up now (the scheduled task calls this). */
    public void refresh() {
        followUp.set(repository.countFlaggedForFollowUp());
    }

    private void refreshSafely() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("could not count shipments flagged for follow-up; the gauge keeps its last value: {}", e.toString());
        }
    }
}

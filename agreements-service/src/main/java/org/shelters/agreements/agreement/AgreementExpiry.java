package org.shelters.agreements.agreement;

import java.time.LocalDate;
import java.util.List;
import org.shelters.agreements.AgreementsProperties;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.platform.outbox.ConcurrentUpdateException;
import org.shelters.platform.outbox.Stored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The time-driven end of agreements: signed or suspended agreements whose period ended are
 * expired, shortly after start-up and then every {@code agreements.expiry.check-interval}. Each
 * expiry is one version-guarded write, so with several instances only one wins and
 * AgreementExpired is published once; losers skip the agreement.
 */
@Component
public class AgreementExpiry implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AgreementExpiry.class);
    private static final int BATCH = 100;

    private final AgreementService agreements;
    private final AgreementRepository repository;
    private final ProgrammeCalendar calendar;
    private final AgreementsProperties properties;

    public AgreementExpiry(AgreementService agreements, AgreementRepository repository, ProgrammeCalendar calendar,
                           AgreementsProperties properties) {
        this.agreements = agreements;
        this.repository = repository;
        this.calendar = calendar;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        AgreementsProperties.Expiry expiry = properties.expiry();
        if (expiry.enabled()) {
            registrar.addFixedDelayTask(new FixedDelayTask(this::runSafely, expiry.checkInterval(), expiry.initialDelay()));
        }
    }

    private void runSafely() {
        try {
            int expired = expireEnded(calendar.today());
            if (expired > 0) {
                log.info("expired {} agreement(s) whose period ended", expired);
            }
        } catch (RuntimeException e) {
            log.warn("expiry check failed; will try again at the next interval", e);
        }
    }

    /** Expires every agreement in force whose period ended before {@code today}; returns how many this call expired. */
    public int expireEnded(LocalDate today) {
        int expired = 0;
        while (true) {
            List<Stored<Agreement>> ended = repository.endedBefore(today, BATCH);
            int before = expired;
            for (Stored<Agreement> agreement : ended) {
                try {
                    agreements.expire(agreement, today);
                    expired++;
                } catch (ConcurrentUpdateException e) {
                    log.debug("agreement {} changed meanwhile (another instance?); next pass looks again", agreement.id());
                }
            }
            if (ended.size() < BATCH || expired == before) {
                return expired;
            }
        }
    }
}

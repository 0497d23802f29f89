package org.shelters.logistics.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.shelters.logistics.shipment.ShipmentTest.medicine;
import static org.shelters.logistics.shipment.ShipmentTest.plan;
import static org.shelters.logistics.shipment.ShipmentTest.refusal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shelters.logistics.agreement.AgreementReplicas;
import org.shelters.logistics.agreement.AgreementStatus;
import org.shelters.platform.domain.Decision;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.platform.domain.Refusal;
import org.shelters.platform.outbox.Stored;

/** The commands take "today" from the programme's calendar, not from UTC or the server's zone. */
class ShipmentCommandsTest {

    /** 19:30 on 1 March in Mexico City (UTC-6), when UTC is already at 2 March. */
    static final Instant EVENING_IN_MEXICO = Instant.parse("2026-03-02T01:30:00Z");
    static final LocalDate PROGRAMME_TODAY = LocalDate.of(2026, 3, 1);
    static final LocalDate UTC_TODAY = LocalDate.of(2026, 3, 2);

    final Clock utcClock = Clock.fixed(EVENING_IN_MEXICO, ZoneOffset.UTC);
    final ProgrammeCalendar calendar = new ProgrammeCalendar(utcClock, ProgrammeCalendar.DEFAULT_ZONE);
    final ShipmentRepository shipments = mock(ShipmentRepository.class);
    final AgreementReplicas agreements = mock(AgreementReplicas.class);
    final PlanningLease planning = mock(PlanningLease.class);
    final ShipmentCommands commands = new ShipmentCommands(shipments, agreements, planning, calendar,
            mock(ShipmentMetrics.class));

    @BeforeEach
    void setUp() {
        when(agreements.find("agr-1")).thenReturn(Optional.of(ShipmentTest.agreement(AgreementStatus.SIGNED)));
        when(shipments.ofAgreement("agr-1")).thenReturn(List.of());
        when(planning.holding(eq("agr-1"), any())).thenAnswer(call -> call.<Supplier<?>>getArgument(1).get());
        when(shipments.create(anyString(), any())).thenAnswer(call ->
                new Stored<>(call.<String>getArgument(0), 1, 1, call.<Decision<Shipment>>getArgument(1).state()));
        when(shipments.update(any(), any())).thenAnswer(call -> {
            Stored<Shipment> current = call.getArgument(0);
            return new Stored<>(current.id(), current.version() + 1, current.sequence() + 1,
                    call.<Decision<Shipment>>getArgument(1).state());
        });
    }

    @Test
    void aLotStillValidOnTheProgrammesTodayIsPlannedAndDispatchedWhenUtcIsAlreadyTheNextDay() {
        assertThat(LocalDate.now(utcClock)).isEqualTo(UTC_TODAY);
        assertThat(calendar.today()).isEqualTo(PROGRAMME_TODAY);

        // expires on UTC's today, the programme's tomorrow: a UTC "today" would refuse it as expired
        Stored<Shipment> planned = commands.plan(plan(medicine("10", "LOT-1", UTC_TODAY)));
        assertThat(planned.state().status()).isEqualTo(ShipmentStatus.PLANNED);

        when(shipments.get(planned.id())).thenReturn(planned);
        Stored<Shipment> dispatched = commands.dispatch(planned.id(), null, new Shipment.Dispatch("DHL", null, null));
        assertThat(dispatched.state().status()).isEqualTo(ShipmentStatus.DISPATCHED);
        assertThat(dispatched.state().dispatchedAt()).isEqualTo(EVENING_IN_MEXICO);
    }

    @Test
    void aLotExpiringOnTheProgrammesTodayIsStillRefused() {
        Refusal refused = refusal(() -> commands.plan(plan(medicine("10", "LOT-2", PROGRAMME_TODAY))));
        assertThat(refused.type()).isEqualTo("expired-lot");
    }
}

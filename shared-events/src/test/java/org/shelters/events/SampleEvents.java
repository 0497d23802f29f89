package org.shelters.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.shelters.events.agreements.AgreementAmended;
import org.shelters.events.agreements.AgreementCompleted;
import org.shelters.events.agreements.AgreementDrafted;
import org.shelters.events.agreements.AgreementExpired;
import org.shelters.events.agreements.AgreementResumed;
import org.shelters.events.agreements.AgreementSigned;
import org.shelters.events.agreements.AgreementSuspended;
import org.shelters.events.agreements.AgreementTerminated;
import org.shelters.events.agreements.AgreementTerms;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.ConstructionWork;
import org.shelters.events.agreements.ConstructionWorkKind;
import org.shelters.events.agreements.Money;
import org.shelters.events.agreements.Period;
import org.shelters.events.agreements.PlannedTraining;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingSessionDelivered;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.events.logistics.DeliveredLine;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.logistics.ShipmentCancelled;
import org.shelters.events.logistics.ShipmentLine;
import org.shelters.events.logistics.ShipmentPlanned;
import org.shelters.events.logistics.SuppliesDelivered;
import org.shelters.events.logistics.SuppliesDispatched;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterArrivalsReported;
import org.shelters.events.shelters.ShelterProfileUpdated;
import org.shelters.events.shelters.ShelterRegistered;
import org.shelters.events.shelters.ShelterRetired;
import org.shelters.events.shelters.ShelterServiceOffered;

/**
 * Realistic, valid events of every type in {@link EventCatalog#CURRENT}, for tests of any module:
 * depend on {@code shared-events} with {@code <type>test-jar</type>} and {@code <scope>test</scope>}.
 *
 * <p>One shelter (Albergue Hermanos en el Camino, Ixtepec, Oaxaca) with one agreement and one shipment
 * that is delivered with a partial rejection; a second agreement is terminated and its planned
 * shipment cancelled automatically. A second registration of the same shelter, made by mistake, is
 * retired (its own shelter id, so folding every sample still leaves the first shelter in the
 * figures). Every call builds new envelopes (new ids, same content).
 */
public final class SampleEvents {

    public static final String SHELTER_ID = "SH-OAX-001";
    /** The duplicate registration of {@link #SHELTER_ID} that {@link #shelterRetired()} retires. */
    public static final String DUPLICATE_SHELTER_ID = "SH-OAX-002";
    public static final String AGREEMENT_ID = "AG-2025-OAX-001";
    public static final String TERMINATED_AGREEMENT_ID = "AG-2025-OAX-002";
    public static final String SHIPMENT_ID = "SHP-2025-0001";
    public static final String CANCELLED_SHIPMENT_ID = "SHP-2025-0002";

    public static final String AGREEMENTS_SOURCE = "/agreements-service";
    public static final String LOGISTICS_SOURCE = "/logistics-service";

    private SampleEvents() {
    }

    /** One envelope per catalog type, in catalog order, each as {@link Events#envelope} builds it. */
    public static List<EventEnvelope<?>> oneOfEach() {
        EventEnvelope<AgreementTerminated> terminated = envelope(agreementTerminated(), 3);
        return List.of(
                envelope(shelterRegistered(), 1),
                envelope(shelterProfileUpdated(), 2),
                envelope(shelterArrivalsReported(), 3),
                envelope(shelterRetired(), 2),
                envelope(agreementDrafted(), 1),
                envelope(agreementSigned(), 2),
                envelope(agreementAmended(), 3),
                envelope(agreementSuspended(), 4),
                envelope(agreementResumed(), 5),
                terminated,
                envelope(agreementExpired(), 8),
                envelope(agreementCompleted(), 9),
                envelope(trainingSessionDelivered(), 6),
                envelope(shipmentPlanned(), 1),
                envelope(suppliesDispatched(), 2),
                envelope(suppliesDelivered(), 3),
                envelope(shipmentCancelled(), 2, EventMetadata.causedBy(terminated)));
    }

    /** The payload of each sample, in catalog order. */
    public static List<EventPayload> payloads() {
        return oneOfEach().stream().<EventPayload>map(EventEnvelope::data).toList();
    }

    /** An envelope for {@code payload} with the source of the service that publishes its topic. */
    public static <T extends EventPayload> EventEnvelope<T> envelope(T payload, long sequence) {
        return envelope(payload, sequence, EventMetadata.none());
    }

    public static <T extends EventPayload> EventEnvelope<T> envelope(T payload, long sequence, EventMetadata metadata) {
        String source = EventCatalog.typeOf(payload).topic() == Topics.LOGISTICS ? LOGISTICS_SOURCE : AGREEMENTS_SOURCE;
        Instant time = Instant.parse("2025-03-20T13:00:00Z").plusSeconds(60 * sequence);
        return Events.envelope(source, payload, sequence, metadata, time, time.plusMillis(250));
    }

    // --- shelters.v1

    public static ShelterRegistered shelterRegistered() {
        return new ShelterRegistered(SHELTER_ID, "Albergue Hermanos en el Camino", "MX-OAX", "Ciudad Ixtepec",
                Corridor.SOUTHERN_BORDER, 400,
                List.of(ShelterServiceOffered.LODGING, ShelterServiceOffered.FOOD, ShelterServiceOffered.MEDICAL_CARE,
                        ShelterServiceOffered.LEGAL_ADVICE),
                false);
    }

    public static ShelterProfileUpdated shelterProfileUpdated() {
        return new ShelterProfileUpdated(SHELTER_ID, "Albergue Hermanos en el Camino", "MX-OAX", "Ciudad Ixtepec",
                Corridor.SOUTHERN_BORDER, 450,
                List.of(ShelterServiceOffered.LODGING, ShelterServiceOffered.FOOD, ShelterServiceOffered.MEDICAL_CARE,
                        ShelterServiceOffered.LEGAL_ADVICE, ShelterServiceOffered.PSYCHOSOCIAL_SUPPORT,
                        ShelterServiceOffered.SPACE_FOR_WOMEN_AND_CHILDREN));
    }

    /** 112 arrivals = 31 women + 58 men + 12 girls + 11 boys. */
    public static ShelterArrivalsReported shelterArrivalsReported() {
        return new ShelterArrivalsReported(SHELTER_ID, LocalDate.parse("2025-03-19"), 1,
                112, 31, 58, 12, 11, 4, 3, 1, 96);
    }

    /** Retires the duplicate (registered as its sequence 1): it leaves every figure. */
    public static ShelterRetired shelterRetired() {
        return new ShelterRetired(DUPLICATE_SHELTER_ID, "Duplicate registration of " + SHELTER_ID,
                LocalDate.parse("2025-03-21"));
    }

    // --- agreements.v1

    public static AgreementTerms terms(BigDecimal budget) {
        return new AgreementTerms(
                new Period(LocalDate.parse("2025-03-01"), LocalDate.parse("2025-12-31")),
                new Money(budget, "USD"),
                List.of(
                        new CommitmentLine("CL-1", SupplyCategory.MEDICINES, "MED-AMOX-500",
                                "Amoxicillin 500 mg capsules", new BigDecimal("2000"), "capsule"),
                        new CommitmentLine("CL-2", SupplyCategory.HYGIENE_PRODUCTS, "HYG-KIT-W",
                                "Hygiene kit for women", new BigDecimal("300"), "kit", new BigDecimal("18.50")),
                        new CommitmentLine("CL-3", SupplyCategory.MEDICAL_EQUIPMENT, "EQP-BP-MON",
                                null, new BigDecimal("2"), "unit"),
                        new CommitmentLine("CL-4", SupplyCategory.CONSTRUCTION_MATERIALS, "CON-CEM-50",
                                "Cement, 50 kg bag", new BigDecimal("120"), "bag"),
                        new CommitmentLine("CL-5", SupplyCategory.MEDICAL_SUPPLIES, "SUP-GAUZE",
                                "Sterile gauze 10x10 cm", new BigDecimal("12.5"), "box")),
                List.of(new PlannedTraining(TrainingTopic.MIGRANT_RIGHTS, 20),
                        new PlannedTraining(TrainingTopic.HUMAN_TRAFFICKING, 20),
                        new PlannedTraining(TrainingTopic.PSYCHOSOCIAL_SUPPORT, 15)),
                List.of(new ConstructionWork("W-1", ConstructionWorkKind.SPACE_FOR_WOMEN_AND_CHILDREN,
                                "Safe space for women and children"),
                        new ConstructionWork("W-2", ConstructionWorkKind.THERAPY_ROOM, null)));
    }

    public static AgreementDrafted agreementDrafted() {
        return new AgreementDrafted(AGREEMENT_ID, SHELTER_ID, "PRM-MX-SHELTERS", "PRM", "2", 2025,
                terms(new BigDecimal("85000.00")));
    }

    public static AgreementSigned agreementSigned() {
        return new AgreementSigned(AGREEMENT_ID, SHELTER_ID, "PRM-MX-SHELTERS", "PRM", "2", 2025,
                LocalDate.parse("2025-03-05"), terms(new BigDecimal("85000.00")));
    }

    public static AgreementAmended agreementAmended() {
        return new AgreementAmended(AGREEMENT_ID, SHELTER_ID, 1, "Budget revised after a peak of arrivals",
                terms(new BigDecimal("92500.00")));
    }

    public static AgreementSuspended agreementSuspended() {
        return new AgreementSuspended(AGREEMENT_ID, SHELTER_ID, "Stock records under review");
    }

    public static AgreementResumed agreementResumed() {
        return new AgreementResumed(AGREEMENT_ID, SHELTER_ID);
    }

    public static AgreementTerminated agreementTerminated() {
        return new AgreementTerminated(TERMINATED_AGREEMENT_ID, SHELTER_ID, "Shelter closed by its board");
    }

    public static AgreementExpired agreementExpired() {
        return new AgreementExpired(AGREEMENT_ID, SHELTER_ID, LocalDate.parse("2025-12-31"));
    }

    public static AgreementCompleted agreementCompleted() {
        return new AgreementCompleted(AGREEMENT_ID, SHELTER_ID);
    }

    public static TrainingSessionDelivered trainingSessionDelivered() {
        return new TrainingSessionDelivered(AGREEMENT_ID, SHELTER_ID, "TS-001", TrainingTopic.MIGRANT_RIGHTS,
                LocalDate.parse("2025-04-10"), 11, 7);
    }

    // --- logistics.v1

    public static List<ShipmentLine> shipmentLines() {
        return List.of(
                new ShipmentLine("SL-1", "CL-1", SupplyCategory.MEDICINES, "MED-AMOX-500", new BigDecimal("1000"),
                        "capsule", "L2403A", LocalDate.parse("2026-09-30")),
                new ShipmentLine("SL-2", "CL-2", SupplyCategory.HYGIENE_PRODUCTS, "HYG-KIT-W", new BigDecimal("150"),
                        "kit", null, null));
    }

    public static ShipmentPlanned shipmentPlanned() {
        return new ShipmentPlanned(SHIPMENT_ID, AGREEMENT_ID, SHELTER_ID, LocalDate.parse("2025-03-20"),
                shipmentLines(), false, null);
    }

    public static SuppliesDispatched suppliesDispatched() {
        return new SuppliesDispatched(SHIPMENT_ID, AGREEMENT_ID, SHELTER_ID, Instant.parse("2025-03-20T13:00:00Z"),
                "Transportes del Istmo", "TDI-558120", shipmentLines());
    }

    /** All medicines accepted; 6 of 150 hygiene kits rejected as damaged. */
    public static SuppliesDelivered suppliesDelivered() {
        return new SuppliesDelivered(SHIPMENT_ID, AGREEMENT_ID, SHELTER_ID, Instant.parse("2025-03-20T13:00:00Z"),
                "Transportes del Istmo", Instant.parse("2025-03-22T16:45:00Z"), "SHELTER_COORDINATOR",
                List.of(
                        new DeliveredLine("SL-1", "CL-1", SupplyCategory.MEDICINES, "MED-AMOX-500",
                                new BigDecimal("1000"), new BigDecimal("1000"), BigDecimal.ZERO, null),
                        new DeliveredLine("SL-2", "CL-2", SupplyCategory.HYGIENE_PRODUCTS, "HYG-KIT-W",
                                new BigDecimal("150"), new BigDecimal("144"), new BigDecimal("6"),
                                RejectionReason.DAMAGED)));
    }

    public static ShipmentCancelled shipmentCancelled() {
        return new ShipmentCancelled(CANCELLED_SHIPMENT_ID, TERMINATED_AGREEMENT_ID, SHELTER_ID,
                "Agreement terminated", true);
    }
}

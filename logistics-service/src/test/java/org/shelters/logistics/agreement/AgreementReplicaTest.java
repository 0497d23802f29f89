package org.shelters.logistics.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shelters.events.agreements.AgreementAmended;
import org.shelters.events.agreements.AgreementDrafted;
import org.shelters.events.agreements.AgreementResumed;
import org.shelters.events.agreements.AgreementSigned;
import org.shelters.events.agreements.AgreementSuspended;
import org.shelters.events.agreements.AgreementTerminated;
import org.shelters.events.agreements.AgreementTerms;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.Money;
import org.shelters.events.agreements.Period;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingSessionDelivered;
import org.shelters.events.agreements.TrainingTopic;

class AgreementReplicaTest {

    static AgreementTerms terms(String quantity) {
        return new AgreementTerms(new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)),
                new Money(new BigDecimal("1000"), "USD"), List.of(new CommitmentLine("C1", SupplyCategory.HYGIENE_PRODUCTS,
                "SOAP", "Soap", new BigDecimal(quantity), "kit")), List.of(), List.of());
    }

    static AgreementSigned signed() {
        return new AgreementSigned("agr-1", "shelter-1", "PRG", "Donor", "phase 1", 2026, LocalDate.of(2026, 1, 5), terms("100"));
    }

    @Test
    void signingMakesTheAgreementActiveWithItsCommitments() {
        AgreementReplica replica = AgreementReplica.apply(null, signed(), 2);
        assertThat(replica.status()).isEqualTo(AgreementStatus.SIGNED);
        assertThat(replica.status().allowsShipments()).isTrue();
        assertThat(replica.commitment("C1")).isPresent();
        assertThat(replica.sequence()).isEqualTo(2);
        assertThat(replica.gaps()).isEqualTo(1);
    }

    @Test
    void suspensionStopsShipmentsAndResumptionAllowsThemAgain() {
        AgreementReplica suspended = AgreementReplica.apply(AgreementReplica.apply(null, signed(), 1),
                new AgreementSuspended("agr-1", "shelter-1", "audit"), 2);
        assertThat(suspended.status().allowsShipments()).isFalse();
        AgreementReplica resumed = AgreementReplica.apply(suspended, new AgreementResumed("agr-1", "shelter-1"), 3);
        assertThat(resumed.status()).isEqualTo(AgreementStatus.SIGNED);
        assertThat(resumed.gaps()).isZero();
        assertThat(AgreementReplica.apply(resumed, new AgreementTerminated("agr-1", "shelter-1", "closed"), 4).status())
                .isEqualTo(AgreementStatus.TERMINATED);
    }

    @Test
    void anAmendmentReplacesTheCommitmentsWithItsFullTerms() {
        AgreementReplica amended = AgreementReplica.apply(AgreementReplica.apply(null, signed(), 1),
                new AgreementAmended("agr-1", "shelter-1", 1, "fewer kits", terms("60")), 2);
        assertThat(amended.commitment("C1").orElseThrow().quantity()).isEqualByComparingTo("60");
        assertThat(amended.status()).isEqualTo(AgreementStatus.SIGNED);
    }

    @Test
    void aTrainingSessionChangesNothingButTheSequence() {
        AgreementReplica signed = AgreementReplica.apply(null, signed(), 1);
        AgreementReplica after = AgreementReplica.apply(signed, new TrainingSessionDelivered("agr-1", "shelter-1", "ts-1",
                TrainingTopic.MIGRANT_RIGHTS, LocalDate.of(2026, 2, 1), 5, 4), 2);
        assertThat(after.status()).isEqualTo(AgreementStatus.SIGNED);
        assertThat(after.commitments()).isEqualTo(signed.commitments());
        assertThat(after.sequence()).isEqualTo(2);
    }

    @Test
    void anAmendmentSeenFirstMeansSignedButDoesNotResumeASuspendedAgreement() {
        AgreementAmended amendment = new AgreementAmended("agr-1", "shelter-1", 1, "more kits", terms("150"));
        AgreementReplica afterAGap = AgreementReplica.apply(null, amendment, 3);
        assertThat(afterAGap.status()).isEqualTo(AgreementStatus.SIGNED);
        assertThat(afterAGap.gaps()).isEqualTo(1);

        AgreementReplica suspended = AgreementReplica.apply(AgreementReplica.apply(null, signed(), 1),
                new AgreementSuspended("agr-1", "shelter-1", "audit"), 2);
        AgreementReplica amendedWhileSuspended = AgreementReplica.apply(suspended, amendment, 3);
        assertThat(amendedWhileSuspended.status()).isEqualTo(AgreementStatus.SUSPENDED);
        assertThat(amendedWhileSuspended.commitment("C1").orElseThrow().quantity()).isEqualByComparingTo("150");
    }

    @Test
    void aLateSigningSignsTheAgreementButKeepsTheTermsOfTheLaterAmendment() {
        AgreementReplica drafted = AgreementReplica.apply(null,
                new AgreementDrafted("agr-1", "shelter-1", "PRG", "Donor", "phase 1", 2026, terms("80")), 1);
        AgreementReplica amended = AgreementReplica.apply(drafted,
                new AgreementAmended("agr-1", "shelter-1", 1, "more kits", terms("150")), 3);

        AgreementReplica lateSigning = AgreementReplica.apply(amended, signed(), 2);

        assertThat(lateSigning.status()).isEqualTo(AgreementStatus.SIGNED);
        assertThat(lateSigning.commitment("C1").orElseThrow().quantity()).as("the amendment came after the signing")
                .isEqualByComparingTo("150");
        assertThat(lateSigning.sequence()).isEqualTo(3);

        AgreementReplica signedAgain = AgreementReplica.apply(lateSigning, signed(), 2);
        assertThat(signedAgain).as("a redelivery of the late signing").isEqualTo(lateSigning);
    }

    @Test
    void aRedeliveredEventThatWasNeverSkippedChangesNothing() {
        AgreementReplica signed = AgreementReplica.apply(null, signed(), 1);
        AgreementReplica terminated = AgreementReplica.apply(signed,
                new AgreementTerminated("agr-1", "shelter-1", "closed"), 2);

        AgreementReplica redelivered = AgreementReplica.apply(terminated,
                new AgreementSuspended("agr-1", "shelter-1", "audit"), 2);

        assertThat(redelivered).isEqualTo(terminated);
        assertThat(AgreementReplica.apply(terminated, signed(), 1)).isEqualTo(terminated);
    }

    @Test
    void aLateSuspensionFromBeforeAResumptionDoesNotSuspendAgain() {
        AgreementReplica signed = AgreementReplica.apply(null, signed(), 1);
        AgreementReplica resumed = AgreementReplica.apply(signed, new AgreementResumed("agr-1", "shelter-1"), 3);

        AgreementReplica lateSuspension = AgreementReplica.apply(resumed,
                new AgreementSuspended("agr-1", "shelter-1", "audit"), 2);

        assertThat(lateSuspension.status()).isEqualTo(AgreementStatus.SIGNED);
    }

    @Test
    void aLateSuspensionMissedBeforeAnAmendmentOfADraftStillSuspends() {
        AgreementReplica drafted = AgreementReplica.apply(null,
                new AgreementDrafted("agr-1", "shelter-1", "PRG", "Donor", "phase 1", 2026, terms("80")), 1);
        AgreementReplica amended = AgreementReplica.apply(drafted,
                new AgreementAmended("agr-1", "shelter-1", 1, "more kits", terms("150")), 4);
        assertThat(amended.status()).as("an amendment means the agreement was signed").isEqualTo(AgreementStatus.SIGNED);

        AgreementReplica lateSuspension = AgreementReplica.apply(amended,
                new AgreementSuspended("agr-1", "shelter-1", "audit"), 3);
        assertThat(lateSuspension.status()).as("the amendment only implied a status, the suspension states one")
                .isEqualTo(AgreementStatus.SUSPENDED);
        AgreementReplica lateSigning = AgreementReplica.apply(lateSuspension, signed(), 2);
        assertThat(lateSigning.status()).isEqualTo(AgreementStatus.SUSPENDED);
        assertThat(lateSigning.commitment("C1").orElseThrow().quantity()).isEqualByComparingTo("150");
    }

    @Test
    void theReplicaRemembersTheSequencesItSkippedUntilEachArrives() {
        AgreementReplica afterAGap = AgreementReplica.apply(AgreementReplica.apply(null, signed(), 1),
                new TrainingSessionDelivered("agr-1", "shelter-1", "ts-1", TrainingTopic.MIGRANT_RIGHTS,
                        LocalDate.of(2026, 2, 1), 5, 4), 5);
        assertThat(afterAGap.missing().ranges()).containsExactly(new MissingSequences.Range(2, 4));
        assertThat(afterAGap.gaps()).isEqualTo(1);

        AgreementReplica lateSuspension = AgreementReplica.apply(afterAGap,
                new AgreementSuspended("agr-1", "shelter-1", "audit"), 3);

        assertThat(lateSuspension.status()).isEqualTo(AgreementStatus.SUSPENDED);
        assertThat(lateSuspension.statusSetBy(3)).isTrue();
        assertThat(lateSuspension.sequence()).isEqualTo(5);
        assertThat(lateSuspension.missing().ranges())
                .containsExactly(new MissingSequences.Range(2, 2), new MissingSequences.Range(4, 4));
        assertThat(lateSuspension.accepts(3)).as("it arrived").isFalse();
        assertThat(lateSuspension.accepts(4)).isTrue();
        assertThat(lateSuspension.accepts(5)).isFalse();
        assertThat(lateSuspension.accepts(6)).isTrue();
    }

    @Test
    void aWideGapIsRememberedAsOneRange() {
        AgreementReplica afterAWideGap = AgreementReplica.apply(AgreementReplica.apply(null, signed(), 1),
                new AgreementTerminated("agr-1", "shelter-1", "closed"), Long.MAX_VALUE);
        assertThat(afterAWideGap.missing().ranges()).containsExactly(new MissingSequences.Range(2, Long.MAX_VALUE - 1));
        assertThat(afterAWideGap.accepts(Long.MAX_VALUE - 1)).isTrue();
        assertThat(afterAWideGap.skips(Long.MAX_VALUE)).isFalse();
    }
}

package org.shelters.agreements.agreement;

import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;
import org.shelters.platform.claim.Claims;
import org.shelters.platform.domain.Refusal;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * "Only one signed agreement per shelter, programme and phase" without multi-document transactions.
 *
 * <p>Each in-force agreement holds a {@link Claims claim} {@code {_id: "shelterId|programmeCode|phase",
 * agreementId, claimedAt}} in {@code signing_slots}. Signing first claims the slot (two concurrent
 * signings race on one single-document insert: one wins), then writes the signing to the
 * agreement; if that write fails the slot is released again (compensation). Completion,
 * termination and expiry release the slot after the agreement's write.
 *
 * <p>A crash between the two writes can leave a slot behind. So a slot whose holder is final
 * (completed, terminated, expired) or gone is taken over at once, and one whose holder is still a
 * draft (its signing never landed) is taken over once it is older than {@link #ABANDONED_AFTER};
 * a takeover is a compare-and-set on the holder's id, so two takers cannot both win.
 */
@Component
public class SigningSlots {

    static final String COLLECTION = "signing_slots";
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    private static final String AGREEMENT_ID = "agreementId";

    private final Claims slots;

    public SigningSlots(MongoTemplate mongo, Clock clock) {
        this.slots = new Claims(mongo.getCollection(COLLECTION), clock);
    }

    /**
     * @param statusOf the current status of an agreement, empty when it does not exist
     * @throws Refusal {@code already-signed} (409) when another agreement in force holds the slot
     */
    public void claim(Agreement agreement, Function<String, Optional<AgreementStatus>> statusOf) {
        String key = agreement.signingSlot();
        Document mine = new Document(AGREEMENT_ID, agreement.agreementId());
        while (!slots.claim(key, mine)) {
            Optional<Document> holder = slots.holder(key);
            if (holder.isEmpty()) {
                continue; // released between our insert and our read: race for it again
            }
            String holderId = holder.get().getString(AGREEMENT_ID);
            if (agreement.agreementId().equals(holderId)) {
                return;
            }
            if (abandoned(holder.get(), statusOf.apply(holderId))
                    && slots.takeOver(key, Filters.eq(AGREEMENT_ID, holderId), mine)) {
                return;
            }
            throw Refusal.conflict("already-signed",
                    "agreement " + holderId + " is already signed for shelter " + agreement.shelterId() + ", programme "
                            + agreement.programmeCode() + " and phase " + agreement.phase()
                            + "; only one signed agreement per shelter, programme and phase");
        }
    }

    /** Frees the slot if this agreement holds it; harmless otherwise. */
    public void release(Agreement agreement) {
        slots.release(agreement.signingSlot(), Filters.eq(AGREEMENT_ID, agreement.agreementId()));
    }

    /** The holder is gone or final, or its signing never landed within {@link #ABANDONED_AFTER}. */
    private boolean abandoned(Document slot, Optional<AgreementStatus> holderStatus) {
        return holderStatus.map(status -> status.isFinal()
                        || (status == AgreementStatus.DRAFT && slots.olderThan(slot, ABANDONED_AFTER)))
                .orElse(true);
    }
}

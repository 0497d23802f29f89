package org.shelters.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.logistics.DeliveredLine;
import org.shelters.events.logistics.RejectionReason;
import tools.jackson.databind.node.ObjectNode;

class DeliveredLineTest {

    @Test
    void acceptedPlusRejectedThatIsNotShippedCannotBeConstructed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> line("150", "140", "6", RejectionReason.DAMAGED))
                .withMessageContaining("accepted + rejected must equal shipped");
    }

    @Test
    void aRejectionWithoutReasonCannotBeConstructed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> line("150", "144", "6", null))
                .withMessageContaining("needs a reason");
    }

    @Test
    void negativeQuantitiesCannotBeConstructed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> line("150", "151", "-1", RejectionReason.OTHER))
                .withMessageContaining("negative");
    }

    @Test
    void quantitiesAreComparedByValueNotByScale() {
        DeliveredLine line = line("150.00", "144.0", "6", RejectionReason.DAMAGED);

        assertThat(line.quantityAccepted().add(line.quantityRejected())).isEqualByComparingTo("150");
    }

    @Test
    void aDeliveryWhoseLineBreaksTheInvariantCannotEvenBeRead() {
        ObjectNode event = EventSchemasTest.sample("SuppliesDelivered");
        ((ObjectNode) event.get("data").get("lines").get(1)).put("quantityAccepted", 140);

        assertThatThrownBy(() -> EventJson.DEFAULT.read(event.toString()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("accepted + rejected must equal shipped");
    }

    private static DeliveredLine line(String shipped, String accepted, String rejected, RejectionReason reason) {
        return new DeliveredLine("SL-2", "CL-2", SupplyCategory.HYGIENE_PRODUCTS, "HYG-KIT-W", new BigDecimal(shipped),
                new BigDecimal(accepted), new BigDecimal(rejected), reason);
    }
}

package org.shelters.events.shelters;

import java.time.LocalDate;

/**
 * A shelter that was registered by mistake (a duplicate, a test entry) is taken out of the
 * registry. It never took part in the programme, so consumers leave it out of every figure,
 * including everything recorded against it; its events stay on the topic, so a rebuild from
 * offset 0 leaves it out the same way.
 *
 * @param reason    why it was retired, as the programme officer gave it (required)
 * @param retiredOn the programme-calendar day of the retirement
 */
public record ShelterRetired(String shelterId, String reason, LocalDate retiredOn) implements ShelterEvent {
}

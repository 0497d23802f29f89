package org.shelters.agreements.shelter;

import java.time.LocalDate;

/** Why and when a shelter registered by mistake was taken out of the registry. */
public record Retirement(String reason, LocalDate retiredOn) {
}

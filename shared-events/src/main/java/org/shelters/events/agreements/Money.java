package org.shelters.events.agreements;

import java.math.BigDecimal;

/** An amount in an ISO 4217 currency (e.g. USD, MXN). */
public record Money(BigDecimal amount, String currency) {
}

package org.shelters.identity.accounts;

/** The platform's roles, carried as the {@code roles} claim of access tokens (without a prefix). */
public enum Role {
  PROGRAMME_OFFICER,
  LOGISTICS_OFFICER,
  SHELTER_PARTNER,
  ANALYST,
  DONOR,
  OPERATIONS,
  ADMIN
}

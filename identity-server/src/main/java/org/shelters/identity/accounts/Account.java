package org.shelters.identity.accounts;

import java.util.List;
import java.util.Objects;

/**
 * One person who can sign in.
 *
 * @param username what they type on the login form; never put in an access token
 * @param subject the stable opaque id tokens carry as {@code sub}, so services never key data by a
 *     name that could change or identify someone
 * @param passwordHash in Spring Security's {@code {id}hash} form
 * @param roles the {@code roles} claim
 * @param shelters the {@code shelters} claim of shelter partners: the shelters they act for
 * @param demo a documented development account, accepted only while demo accounts are enabled
 */
public record Account(
    String username,
    String subject,
    String passwordHash,
    List<Role> roles,
    List<String> shelters,
    boolean demo) {

  public Account {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(passwordHash, "passwordHash");
    roles = roles == null ? List.of() : List.copyOf(roles);
    shelters = shelters == null ? List.of() : List.copyOf(shelters);
  }

  public boolean isPartner() {
    return roles.contains(Role.SHELTER_PARTNER);
  }

  Account withAccess(List<Role> newRoles, List<String> newShelters) {
    return new Account(username, subject, passwordHash, newRoles, newShelters, demo);
  }

  /** Keeps the hash out of logs and error messages. */
  @Override
  public String toString() {
    return "Account[" + username + ", subject=" + subject + ", roles=" + roles + "]";
  }
}

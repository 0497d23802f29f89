package org.shelters.identity.accounts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.shelters.identity.IdentityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The documented development accounts (password = user name + {@code -demo}). They are created on
 * the first start with demo accounts enabled and keep their subject ids afterwards; roles and partner
 * shelters are refreshed from configuration on every start, because shelter ids change whenever the
 * local stack's data is reset ({@link PartnerSheltersFile}, read while the server runs, takes
 * precedence for the partners it names).
 */
public class DemoAccounts {

  /** One demo account: its user name and its one role. */
  public record DemoUser(String username, Role role) {
    public String password() {
      return username + "-demo";
    }
  }

  public static final List<DemoUser> USERS = List.of(
      new DemoUser("programme", Role.PROGRAMME_OFFICER),
      new DemoUser("logistics", Role.LOGISTICS_OFFICER),
      new DemoUser("analyst", Role.ANALYST),
      new DemoUser("donor", Role.DONOR),
      new DemoUser("operations", Role.OPERATIONS),
      new DemoUser("admin", Role.ADMIN),
      new DemoUser("partner-1", Role.SHELTER_PARTNER),
      new DemoUser("partner-2", Role.SHELTER_PARTNER));

  private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

  private final IdentityProperties.Demo demo;
  private final PasswordEncoder passwords;

  public DemoAccounts(IdentityProperties.Demo demo, PasswordEncoder passwords) {
    this.demo = demo;
    this.passwords = passwords;
  }

  /** The accounts with every demo account present and up to date; the others untouched. */
  public List<Account> ensure(List<Account> existing) {
    Map<String, Account> byName = new LinkedHashMap<>();
    existing.forEach(a -> byName.put(a.username(), a));
    for (DemoUser user : USERS) {
      List<String> shelters = user.role() == Role.SHELTER_PARTNER ? demo.sheltersOf(user.username()) : List.of();
      if (user.role() == Role.SHELTER_PARTNER && shelters.isEmpty()) {
        log.info("demo account {} has no configured shelters: until {} names them, set identity.demo.partner-shelters.{}",
            user.username(), PartnerSheltersFile.FILE, user.username());
      }
      Account current = byName.get(user.username());
      if (current == null) {
        // the password itself is never logged, only where it is documented
        byName.put(user.username(), new Account(user.username(), UUID.randomUUID().toString(),
            passwords.encode(user.password()), List.of(user.role()), shelters, true));
        log.info("created demo account {} ({}), password documented in identity-server/README.md", user.username(), user.role());
      } else if (current.demo()) {
        byName.put(user.username(), current.withAccess(List.of(user.role()), shelters));
      }
      // an account of the same name that is not a demo account was made on purpose: left alone
    }
    return new ArrayList<>(byName.values());
  }
}

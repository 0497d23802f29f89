package org.shelters.identity.accounts;

import java.util.List;
import org.shelters.identity.DataDir;
import org.shelters.identity.IdentityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(AccountsConfiguration.class);

  /** Delegating, so a hand-written account may use {@code {bcrypt}}, {@code {argon2}}... and client secrets {@code {noop}}. */
  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  AccountDirectory accountDirectory(DataDir dataDir, IdentityProperties properties, PasswordEncoder passwords) {
    AccountStore store = new AccountStore(dataDir);
    List<Account> stored = store.load();
    List<Account> accounts = stored;
    if (properties.demo().enabled()) {
      accounts = new DemoAccounts(properties.demo(), passwords).ensure(stored);
      if (!accounts.equals(stored)) {
        store.save(accounts);
      }
    }
    AccountDirectory directory = new AccountDirectory(accounts, properties.demo().enabled());
    log.info("{} accounts from {} (demo accounts {})", directory.size(), dataDir.file(AccountStore.FILE),
        properties.demo().enabled() ? "enabled" : "disabled");
    return directory;
  }

  /** The demo partners' shelters as the demo loader writes them while the server runs. */
  @Bean
  PartnerSheltersFile partnerSheltersFile(DataDir dataDir) {
    return new PartnerSheltersFile(dataDir);
  }
}

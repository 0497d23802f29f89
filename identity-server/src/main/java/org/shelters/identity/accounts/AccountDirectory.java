package org.shelters.identity.accounts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The accounts that may sign in, read once at start-up. Demo accounts left in the data folder by an
 * earlier run are refused while demo accounts are disabled, so their documented passwords stop
 * working as soon as the flag is off.
 */
public class AccountDirectory implements UserDetailsService {

  private final Map<String, Account> accounts;

  public AccountDirectory(List<Account> accounts, boolean demoEnabled) {
    this.accounts = accounts.stream()
        .filter(a -> demoEnabled || !a.demo())
        .collect(Collectors.toUnmodifiableMap(Account::username, Function.identity()));
  }

  public Optional<Account> find(String username) {
    return Optional.ofNullable(accounts.get(username));
  }

  public int size() {
    return accounts.size();
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    Account account = find(username).orElseThrow(() -> new UsernameNotFoundException("no such account"));
    return User.withUsername(account.username())
        .password(account.passwordHash())
        .roles(account.roles().stream().map(Role::name).toArray(String[]::new))
        .build();
  }
}

package org.shelters.identity.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shelters.identity.DataDir;
import org.shelters.identity.IdentityProperties;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class AccountsTest {

  // the cheapest bcrypt keeps this test fast; the server uses the default strength
  static final PasswordEncoder PASSWORDS = new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(4)));

  @TempDir Path dir;

  @Test
  void demoAccountsAreCreatedOnceWithOpaqueSubjectsAndDocumentedPasswords() {
    var demo = new IdentityProperties.Demo(true, Map.of("partner-1", List.of("s-1", "s-2")));
    List<Account> accounts = new DemoAccounts(demo, PASSWORDS).ensure(List.of());

    assertThat(accounts).extracting(Account::username)
        .containsExactly("programme", "logistics", "analyst", "donor", "operations", "admin", "partner-1", "partner-2");
    assertThat(accounts).allSatisfy(a -> {
      assertThat(UUID.fromString(a.subject())).isNotNull();
      assertThat(a.demo()).isTrue();
      assertThat(PASSWORDS.matches(a.username() + "-demo", a.passwordHash())).isTrue();
      assertThat(a.passwordHash()).doesNotContain(a.username() + "-demo");
      assertThat(a.toString()).doesNotContain(a.passwordHash());
    });
    assertThat(accounts.stream().map(Account::subject).collect(Collectors.toSet())).hasSize(8);
    Map<String, Account> byName = accounts.stream().collect(Collectors.toMap(Account::username, a -> a));
    assertThat(byName.get("partner-1").shelters()).containsExactly("s-1", "s-2");
    assertThat(byName.get("partner-2").shelters()).isEmpty();
    assertThat(byName.get("programme").shelters()).isEmpty();
    assertThat(Set.copyOf(accounts.stream().flatMap(a -> a.roles().stream()).toList())).containsExactlyInAnyOrder(Role.values());
  }

  @Test
  void partnerSheltersCanBeGivenByEnvironmentVariablesToo() {
    // IDENTITY_DEMO_PARTNERSHELTERS_PARTNER2=a,b binds the key "partner2"
    var demo = new IdentityProperties.Demo(true, Map.of("partner2", List.of("a", "b")));
    assertThat(demo.sheltersOf("partner-2")).containsExactly("a", "b");
    assertThat(demo.sheltersOf("partner-1")).isEmpty();
  }

  @Test
  void aLaterStartKeepsSubjectsAndPasswordsButTakesTheConfiguredShelters() {
    AccountStore store = new AccountStore(DataDir.open(dir));
    store.save(new DemoAccounts(new IdentityProperties.Demo(true, Map.of("partner-1", List.of("old"))), PASSWORDS).ensure(List.of()));
    List<Account> first = store.load();

    List<Account> second = new DemoAccounts(new IdentityProperties.Demo(true, Map.of("partner-1", List.of("new"))), PASSWORDS).ensure(first);

    assertThat(second).extracting(Account::subject).containsExactlyElementsOf(first.stream().map(Account::subject).toList());
    assertThat(second).extracting(Account::passwordHash).containsExactlyElementsOf(first.stream().map(Account::passwordHash).toList());
    assertThat(second.stream().filter(a -> a.username().equals("partner-1")).findFirst().orElseThrow().shelters()).containsExactly("new");
  }

  @Test
  void anAccountMadeByHandIsLeftAloneAndSurvivesTheFile() throws Exception {
    AccountStore store = new AccountStore(DataDir.open(dir));
    Account handMade = new Account("admin", "subject-of-a-real-admin", "{noop}secret", List.of(Role.ADMIN, Role.OPERATIONS), List.of(), false);
    store.save(new DemoAccounts(new IdentityProperties.Demo(true, Map.of()), PASSWORDS).ensure(List.of(handMade)));

    assertThat(store.load()).contains(handMade).hasSize(8);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("accounts.json")))).isEqualTo("rw-------");
  }

  @Test
  void demoAccountsAreRefusedWhileDemoIsDisabled() {
    List<Account> accounts = new DemoAccounts(new IdentityProperties.Demo(true, Map.of()), PASSWORDS).ensure(List.of(
        new Account("officer", "s-officer", "{noop}pw", List.of(Role.PROGRAMME_OFFICER), List.of(), false)));

    AccountDirectory disabled = new AccountDirectory(accounts, false);
    assertThatThrownBy(() -> disabled.loadUserByUsername("programme")).isInstanceOf(UsernameNotFoundException.class);
    assertThat(disabled.loadUserByUsername("officer").getAuthorities()).extracting(Object::toString).containsExactly("ROLE_PROGRAMME_OFFICER");

    AccountDirectory enabled = new AccountDirectory(accounts, true);
    assertThat(enabled.loadUserByUsername("partner-1").getAuthorities()).extracting(Object::toString).containsExactly("ROLE_SHELTER_PARTNER");
  }
}
